using System.Globalization;
using System.Text;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Python's strftime for the directives workflows use in InvocationIDFromDate (e.g. "%Y%m%d"), in the C locale.
/// An unknown directive is an error rather than passed through, so a typo is caught before the run.
/// </summary>
public static class StrftimeFormat
{
    public static string Format(string format, DateTimeOffset time)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(format.Length * 2);
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
                continue;
            }

            if (i + 1 >= format.Length)
            {
                throw new FormatException($"Format '{format}' ends with a lone '%'.");
            }

            var directive = format[++i];
            text.Append(directive switch
            {
                'Y' => time.Year.ToString("0000", c),
                'y' => (time.Year % 100).ToString("00", c),
                'm' => time.Month.ToString("00", c),
                'd' => time.Day.ToString("00", c),
                'e' => time.Day.ToString(c).PadLeft(2),
                'H' => time.Hour.ToString("00", c),
                'I' => (time.Hour % 12 == 0 ? 12 : time.Hour % 12).ToString("00", c),
                'M' => time.Minute.ToString("00", c),
                'S' => time.Second.ToString("00", c),
                'f' => (time.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", c),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'j' => time.DayOfYear.ToString("000", c),
                'a' => time.ToString("ddd", c),
                'A' => time.ToString("dddd", c),
                'b' or 'h' => time.ToString("MMM", c),
                'B' => time.ToString("MMMM", c),
                'w' => ((int)time.DayOfWeek).ToString(c),
                'u' => (time.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)time.DayOfWeek).ToString(c),
                'U' => WeekOfYear(time, DayOfWeek.Sunday).ToString("00", c),
                'W' => WeekOfYear(time, DayOfWeek.Monday).ToString("00", c),
                'G' => ISOWeek.GetYear(time.DateTime).ToString("0000", c),
                'V' => ISOWeek.GetWeekOfYear(time.DateTime).ToString("00", c),
                'z' => Offset(time.Offset),
                'Z' => time.Offset == TimeSpan.Zero ? "UTC" : Offset(time.Offset),
                'F' => Format("%Y-%m-%d", time),
                'T' => Format("%H:%M:%S", time),
                'D' => Format("%m/%d/%y", time),
                'R' => Format("%H:%M", time),
                'c' => Format("%a %b %e %H:%M:%S %Y", time),
                'x' => Format("%m/%d/%y", time),
                'X' => Format("%H:%M:%S", time),
                '%' => "%",
                _ => throw new FormatException($"Format '{format}' uses %{directive}, which is not a supported strftime directive."),
            });
        }

        return text.ToString();
    }

    /// <summary>Week number where weeks start on <paramref name="firstDay"/>; days before the first such day are week 0.</summary>
    private static int WeekOfYear(DateTimeOffset time, DayOfWeek firstDay)
    {
        var dayOfYear = time.DayOfYear - 1;
        var weekday = ((int)time.DayOfWeek - (int)firstDay + 7) % 7;
        return (dayOfYear - weekday + 7) / 7;
    }

    private static string Offset(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return $"{sign}{abs.Hours:00}{abs.Minutes:00}";
    }
}

using System.Globalization;
using System.Text;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Python's strftime on Linux (glibc) for the directives workflows use in InvocationIDFromDate (e.g. "%Y%m%d"), in
/// the C locale: an unknown directive and a lone '%' at the end are passed through as written, and "%-d" drops the
/// padding. (FaaSr's schema limits the directives InvocationIDFromDate may use; validate reports the others.)
/// </summary>
public static class StrftimeFormat
{
    public static string Format(string format, DateTimeOffset time) => Format(format, time, naive: false);

    /// <summary>A datetime without a time zone, as FaaSr parses InvocationTimestamp: %z and %Z are empty.</summary>
    public static string FormatNaive(string format, DateTime time) =>
        Format(format, new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), TimeSpan.Zero), naive: true);

    private static string Format(string format, DateTimeOffset time, bool naive)
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
                text.Append('%');
                continue;
            }

            var directive = format[++i];
            if (directive == '-' && i + 1 < format.Length)
            {
                var unpadded = Format("%" + format[++i], time, naive).TrimStart('0', ' ');
                text.Append(unpadded.Length == 0 ? "0" : unpadded);
                continue;
            }

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
                'z' => naive ? string.Empty : Offset(time.Offset),
                'Z' => naive ? string.Empty : time.Offset == TimeSpan.Zero ? "UTC" : Offset(time.Offset),
                'F' => Format("%Y-%m-%d", time, naive),
                'T' => Format("%H:%M:%S", time, naive),
                'D' => Format("%m/%d/%y", time, naive),
                'R' => Format("%H:%M", time, naive),
                'c' => Format("%a %b %e %H:%M:%S %Y", time, naive),
                'x' => Format("%m/%d/%y", time, naive),
                'X' => Format("%H:%M:%S", time, naive),
                '%' => "%",
                _ => $"%{directive}",
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

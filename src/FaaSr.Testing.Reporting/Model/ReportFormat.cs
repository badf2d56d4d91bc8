using System.Globalization;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>How times, durations, sizes and positions read in the report (invariant culture, UTC).</summary>
internal static class ReportFormat
{
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 0 => "0 ms",
        < 1 => $"{duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
        < 120 => $"{duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s",
        _ => $"{((int)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min {duration.Seconds.ToString(CultureInfo.InvariantCulture)} s",
    };

    /// <summary>"+1.23 s" from the start of a run.</summary>
    public static string Offset(TimeSpan offset) => "+" + Duration(offset);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024d).ToString("0.0", CultureInfo.InvariantCulture)} KiB",
        _ => $"{(bytes / (1024d * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MiB",
    };

    public static string Percent(double value) => Math.Clamp(value, 0, 100).ToString("0.###", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

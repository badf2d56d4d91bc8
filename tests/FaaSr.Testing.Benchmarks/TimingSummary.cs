using System.Text.Json.Nodes;

namespace FaaSr.Testing.Benchmarks;

/// <summary>Median, minimum and maximum of a set of measured durations, in milliseconds.</summary>
internal sealed record TimingSummary(int Iterations, double MedianMs, double MinMs, double MaxMs)
{
    public static TimingSummary From(IReadOnlyCollection<TimeSpan> durations)
    {
        if (durations.Count == 0)
        {
            throw new ArgumentException("At least one measurement is needed.", nameof(durations));
        }

        var sorted = durations.Select(d => d.TotalMilliseconds).Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new TimingSummary(sorted.Length, median, sorted[0], sorted[^1]);
    }

    public JsonObject ToJson() => new()
    {
        ["iterations"] = Iterations,
        ["medianMs"] = Math.Round(MedianMs, 3),
        ["minMs"] = Math.Round(MinMs, 3),
        ["maxMs"] = Math.Round(MaxMs, 3),
    };

    public override string ToString() => $"median {MedianMs,9:F2} ms   min {MinMs,9:F2} ms   max {MaxMs,9:F2} ms   ({Iterations} runs)";
}

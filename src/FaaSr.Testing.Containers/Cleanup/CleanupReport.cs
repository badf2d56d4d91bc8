using System.Globalization;

namespace FaaSr.Testing.Containers.Cleanup;

/// <summary>What a cleanup removed, what it left although it carried the project's label (and why), and the space it gave back.</summary>
public sealed record CleanupReport(
    IReadOnlyList<string> Containers,
    IReadOnlyList<string> Networks,
    IReadOnlyList<string> Images,
    IReadOnlyList<string> Kept,
    long SpaceReclaimedBytes)
{
    public bool RemovedNothing => Containers.Count == 0 && Networks.Count == 0 && Images.Count == 0;

    /// <summary>The closing line: counts and space, e.g. "Removed 1 container, 0 networks, 3 images; reclaimed 12.5 MB".</summary>
    public string Summary =>
        $"Removed {Count(Containers.Count, "container")}, {Count(Networks.Count, "network")}, {Count(Images.Count, "image")}; " +
        $"reclaimed {FormatSize(SpaceReclaimedBytes)}"
        + (Kept.Count == 0 ? string.Empty : $"; kept {Count(Kept.Count, "labelled object")}");

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}

using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Reporting.Runs;

/// <summary>One run as the report receives it: its record, and what was kept beside it (graph, objects, the folder of its logs).</summary>
public sealed record RunInput(RecordedRun Record, RunGraphSnapshot? Graph, IReadOnlyList<RunObject>? Objects, string? ArtifactsFolder)
{
    /// <summary>The kept log of an instance; null when none was kept.</summary>
    public async Task<string?> ReadLogAsync(string instanceName, CancellationToken cancellationToken)
    {
        if (ArtifactsFolder is null)
        {
            return null;
        }

        var path = RunArtifacts.LogPath(ArtifactsFolder, instanceName);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
    }
}

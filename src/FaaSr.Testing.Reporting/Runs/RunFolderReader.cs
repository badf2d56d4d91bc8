using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Reporting.Runs;

/// <summary>Reads every run record of a folder (artifacts/runs) with the graph, objects and logs kept beside it.</summary>
public static class RunFolderReader
{
    /// <summary>Every *.json record directly in <paramref name="folder"/> (temporary files skipped), by start time; none when the folder does not exist.</summary>
    public static async Task<IReadOnlyList<RunInput>> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var runs = new List<RunInput>();
        foreach (var path in Directory.GetFiles(folder, "*.json").Where(p => !Path.GetFileName(p).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            runs.Add(await ReadRunAsync(path, cancellationToken));
        }

        return runs.OrderBy(r => r.Record.StartedAt).ToArray();
    }

    public static async Task<RunInput> ReadRunAsync(string recordPath, CancellationToken cancellationToken)
    {
        var record = await RecordedRunReader.ReadFileAsync(recordPath, cancellationToken);
        var artifacts = RunArtifacts.FolderOf(recordPath);
        if (!Directory.Exists(artifacts))
        {
            return new RunInput(record, null, null, null);
        }

        return new RunInput(record, await RunArtifacts.ReadGraphAsync(artifacts, cancellationToken), await RunArtifacts.ReadObjectsAsync(artifacts, cancellationToken), artifacts);
    }
}

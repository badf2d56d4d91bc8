using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// The run records in a folder written since a moment: each scan returns the records that are new or changed since
/// the previous scan. Records are written atomically, so a file is either the old or the new record.
/// </summary>
internal sealed class RunRecordFolder(string folder, DateTime sinceUtc)
{
    private readonly Dictionary<string, (DateTime Written, long Length)> read = new(StringComparer.Ordinal);

    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task<IReadOnlyList<RunRecord>> ScanAsync(CancellationToken cancellationToken)
    {
        var changed = new List<RunRecord>();
        if (!Directory.Exists(Folder))
        {
            return changed;
        }

        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles("*.json"))
        {
            if (file.Name.StartsWith('.') || file.LastWriteTimeUtc < sinceUtc
                || (read.TryGetValue(file.FullName, out var last) && last == (file.LastWriteTimeUtc, file.Length)))
            {
                continue;
            }

            try
            {
                changed.Add(await RunRecordFile.ReadAsync(file.FullName, cancellationToken));
                read[file.FullName] = (file.LastWriteTimeUtc, file.Length);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException)
            {
                // Replaced or removed between the listing and the read: the next scan sees the new file.
            }
        }

        return changed;
    }
}

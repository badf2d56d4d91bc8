using System.Text.Json;

namespace FaaSr.Testing.Monitoring;

/// <summary>Writes run records atomically (a temporary file in the same folder, then a move) and reads them back.</summary>
public static class RunRecordFile
{
    public static async Task WriteAsync(RunRecord record, string path, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"Cannot write run record '{path}': it names no folder.", nameof(path));
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, record, RunRecordJsonContext.Default.RunRecord, cancellationToken);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Checks, by writing and removing a temporary file beside it, that a record can be written to <paramref name="path"/>
    /// (creating its folder); throws an <see cref="IOException"/> saying why not.
    /// </summary>
    public static void EnsureWritable(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new IOException($"'{fullPath}' is a folder; give a file name for the run record.");
        }

        try
        {
            var folder = Path.GetDirectoryName(fullPath) ?? throw new IOException($"'{fullPath}' names no folder.");
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new IOException($"cannot write beside '{fullPath}': {exception.Message}", exception);
        }
    }

    public static async Task<RunRecord> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            return await JsonSerializer.DeserializeAsync(stream, RunRecordJsonContext.Default.RunRecord, cancellationToken)
                ?? throw new InvalidDataException($"Cannot read run record '{path}': the file holds null.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Cannot read run record '{path}': {exception.Message}", exception);
        }
    }
}

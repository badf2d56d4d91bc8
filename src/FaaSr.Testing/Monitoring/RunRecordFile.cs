using System.Text.Json;
using FaaSr.Testing.Files;

namespace FaaSr.Testing.Monitoring;

/// <summary>Writes run records in place (never replacing what is at the path) and reads them back.</summary>
public static class RunRecordFile
{
    /// <summary>Writes the record to <paramref name="path"/>, a new or regular file (see <see cref="OutputFile"/>).</summary>
    public static async Task WriteAsync(RunRecord record, string path, CancellationToken cancellationToken)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(record, RunRecordJsonContext.Default.RunRecord);
        await OutputFile.WriteAsync(path, content, cancellationToken);
    }

    /// <summary>
    /// Checks that a record can be written to <paramref name="path"/> (creating its folder): a new path or a regular
    /// file, not a folder, device or fifo; throws an <see cref="IOException"/> saying why not.
    /// </summary>
    public static void EnsureWritable(string path) => OutputFile.EnsureWritable(path);

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

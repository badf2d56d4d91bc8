namespace FaaSr.Testing.Files;

/// <summary>
/// A file faasr-it writes for the user (a run record, a report). It must be a new path or a regular file: a device,
/// fifo or folder is refused, and what is there is overwritten in place (following a symbolic link), never replaced
/// by a rename, so a link, a device node or another file's hard link is never swapped for a new file.
/// </summary>
public static class OutputFile
{
    /// <summary>Throws an <see cref="IOException"/> saying why <paramref name="path"/> cannot be written (creating its folder).</summary>
    public static void EnsureWritable(string path)
    {
        var fullPath = Path.GetFullPath(path);
        RequireFileOrNew(fullPath);
        try
        {
            var folder = Path.GetDirectoryName(fullPath) ?? throw new IOException($"'{fullPath}' names no folder.");
            Directory.CreateDirectory(folder);
            if (File.Exists(fullPath))
            {
                using (new FileStream(fullPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                {
                }

                return;
            }

            var probe = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new IOException($"cannot write '{fullPath}': {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/>, creating its folder. The bytes are ready before the
    /// file is touched, so a reader sees the old content, an empty file, or the new content, briefly a prefix of it.
    /// </summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new IOException($"'{fullPath}' names no folder.");
        Directory.CreateDirectory(folder);
        RequireFileOrNew(fullPath);
        await using var stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 4096,
            FileOptions.Asynchronous);
        stream.SetLength(0);
        await stream.WriteAsync(content, cancellationToken);
    }

    private static void RequireFileOrNew(string fullPath)
    {
        switch (FileKinds.Of(fullPath))
        {
            case FileKind.Directory:
                throw new IOException($"'{fullPath}' is a folder; give a file name.");
            case FileKind.Special:
                throw new IOException($"'{fullPath}' is not a regular file (a device, fifo or socket); give a new or regular file.");
        }
    }
}

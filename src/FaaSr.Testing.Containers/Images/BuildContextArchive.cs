using System.Formats.Tar;

namespace FaaSr.Testing.Containers.Images;

/// <summary>
/// The tar stream of a build context: every file and folder under the context that its <c>.dockerignore</c> does not
/// leave out, plus the Dockerfile itself (which the Docker CLI always sends). Written to a temporary file that is
/// deleted when the stream is disposed, so a large context is not held in memory.
/// </summary>
public static class BuildContextArchive
{
    public static async Task<Stream> CreateAsync(ImageDefinition image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var ignore = DockerIgnore.ForDockerfile(image.DockerfilePath, image.ContextDirectory);
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"faasr-it-context-{Guid.NewGuid():N}.tar"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: true))
            {
                await AddAsync(writer, image.ContextDirectory, image.ContextDirectory, ignore, cancellationToken).ConfigureAwait(false);
                if (ignore.Excludes(image.DockerfileInContext))
                {
                    await writer.WriteEntryAsync(image.DockerfilePath, image.DockerfileInContext, cancellationToken).ConfigureAwait(false);
                }
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The context paths the archive holds, in the order it holds them (for tests and diagnostics).</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(ImageDefinition image, CancellationToken cancellationToken)
    {
        await using var archive = await CreateAsync(image, cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        await using var reader = new TarReader(archive);
        while (await reader.GetNextEntryAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    private static async Task AddAsync(TarWriter writer, string root, string directory, DockerIgnore ignore,
        CancellationToken cancellationToken)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            var excluded = ignore.Excludes(relative);
            var isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
            if (!excluded)
            {
                await writer.WriteEntryAsync(entry.FullName, relative, cancellationToken).ConfigureAwait(false);
            }

            // An excluded folder is still walked when a later '!' pattern may bring back something inside it.
            if (isDirectory && (!excluded || ignore.HasExceptions))
            {
                await AddAsync(writer, root, entry.FullName, ignore, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

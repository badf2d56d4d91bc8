using System.Formats.Tar;
using System.IO.Compression;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// The repository tarball as GitHub serves it: gzip'd tar whose first member is the root folder
/// <c>{owner}-{repo}-{sha7}/</c>, then every folder and file of the branch below it. FaaSr takes the root as the first
/// name in the archive and extracts the members under <c>{root}/{path}</c>.
/// </summary>
internal static class RepositoryTarball
{
    public static string RootFolder(StandInRepository repository) => $"{repository.Owner}-{repository.Name}-{repository.HeadSha[..7]}";

    public static async Task<byte[]> CreateAsync(StandInRepository repository, CancellationToken cancellationToken)
    {
        var root = RootFolder(repository);
        var files = await repository.ListFilesAsync(cancellationToken);
        var modified = DateTimeOffset.UtcNow;
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            await tar.WriteEntryAsync(Folder(root + "/", modified), cancellationToken);
            var folders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in files)
            {
                var content = await repository.ReadListedFileAsync(path, cancellationToken);
                if (content is null)
                {
                    continue;
                }

                foreach (var folder in FoldersOf(path).Where(folders.Add))
                {
                    await tar.WriteEntryAsync(Folder($"{root}/{folder}/", modified), cancellationToken);
                }

                using var data = new MemoryStream(content, writable: false);
                var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{root}/{path}")
                {
                    DataStream = data,
                    Mode = IsExecutable(repository, path) ? Executable : Regular,
                    ModificationTime = modified,
                };
                await tar.WriteEntryAsync(entry, cancellationToken);
            }
        }

        return buffer.ToArray();
    }

    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode FolderMode = Executable | UnixFileMode.UserWrite;

    private static PaxTarEntry Folder(string name, DateTimeOffset modified) =>
        new(TarEntryType.Directory, name) { Mode = FolderMode, ModificationTime = modified };

    /// <summary>"a/b/c.py" gives "a", "a/b".</summary>
    private static IEnumerable<string> FoldersOf(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    private static bool IsExecutable(StandInRepository repository, string path)
    {
        if (repository.Folder is null || OperatingSystem.IsWindows() || repository.WrittenFiles.ContainsKey(path))
        {
            return false;
        }

        var file = Path.Combine(repository.Folder, path);
        return File.Exists(file) && (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
    }
}

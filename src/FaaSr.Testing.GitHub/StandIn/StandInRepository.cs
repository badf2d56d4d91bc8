using FaaSr.Testing.GitHub.Git;
using Sodium;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// One repository of the stand-in: the files of its folder (never written), the files written through the contents
/// API (kept in memory, shadowing the folder's), its Actions secrets and the sealed-box key pair they are sealed for.
/// </summary>
public sealed class StandInRepository
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, byte[]> written = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredSecret> secrets = new(StringComparer.Ordinal);
    private int commits;
    private string headSha;

    internal StandInRepository(StandInRepositorySource source, long id)
    {
        Owner = source.Owner;
        Name = source.Name;
        DefaultBranch = source.DefaultBranch;
        Folder = source.Folder is null ? null : Path.GetFullPath(source.Folder);
        Id = id;
        SecretsKeyPair = PublicKeyBox.GenerateKeyPair();
        SecretsKeyId = (568250167242549743L + id).ToString(System.Globalization.CultureInfo.InvariantCulture);
        headSha = GitObjectId.Of($"faasr-it stand-in {FullName}");
    }

    public string Owner { get; }

    public string Name { get; }

    public string FullName => $"{Owner}/{Name}";

    public string DefaultBranch { get; }

    public string? Folder { get; }

    public long Id { get; }

    /// <summary>The key pair of <c>GET .../actions/secrets/public-key</c>; its private key opens what clients sealed.</summary>
    public KeyPair SecretsKeyPair { get; }

    public string SecretsKeyId { get; }

    /// <summary>The id of the branch's latest (stand-in) commit: changes with every write.</summary>
    public string HeadSha
    {
        get
        {
            lock (gate)
            {
                return headSha;
            }
        }
    }

    /// <summary>Files written through the contents API, by path.</summary>
    public IReadOnlyDictionary<string, byte[]> WrittenFiles
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, byte[]>(written, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyList<StoredSecret> Secrets
    {
        get
        {
            lock (gate)
            {
                return secrets.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>The secret named <paramref name="name"/> (any case, as GitHub), or null.</summary>
    public StoredSecret? Secret(string name)
    {
        lock (gate)
        {
            return secrets.GetValueOrDefault(name.ToUpperInvariant());
        }
    }

    /// <summary>Every file of the branch (folder and written), sorted by path.</summary>
    public async Task<IReadOnlyList<string>> ListFilesAsync(CancellationToken cancellationToken)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (Folder is not null)
        {
            files.UnionWith(await FolderFilesAsync(Folder, cancellationToken));
        }

        lock (gate)
        {
            files.UnionWith(written.Keys);
        }

        return files.ToList();
    }

    /// <summary>A file's bytes (the written version first), or null when the branch has no such file.</summary>
    public async Task<byte[]?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (written.TryGetValue(path, out var bytes))
            {
                return bytes;
            }
        }

        if (Folder is null || !(await FolderFilesAsync(Folder, cancellationToken)).Contains(path))
        {
            return null;
        }

        return await File.ReadAllBytesAsync(Path.Combine(Folder, path), cancellationToken);
    }

    /// <summary>A file <see cref="ListFilesAsync"/> just listed (the written version first); null if it went away since.</summary>
    internal async Task<byte[]?> ReadListedFileAsync(string path, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (written.TryGetValue(path, out var bytes))
            {
                return bytes;
            }
        }

        try
        {
            return Folder is null ? null : await File.ReadAllBytesAsync(Path.Combine(Folder, path), cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes a file in memory as one new commit; returns the commit's id.</summary>
    public string WriteFile(string path, byte[] content, string message)
    {
        lock (gate)
        {
            written[path] = content;
            commits++;
            headSha = GitObjectId.Of($"{headSha}\n{commits}\n{path}\n{GitObjectId.Blob(content)}\n{message}");
            return headSha;
        }
    }

    /// <summary>Stores a secret; true when it is new.</summary>
    internal bool PutSecret(string name, string encryptedValue, string keyId, string value, DateTimeOffset now)
    {
        var key = name.ToUpperInvariant();
        lock (gate)
        {
            var existing = secrets.GetValueOrDefault(key);
            secrets[key] = new StoredSecret(key, encryptedValue, keyId, value, existing?.CreatedAt ?? now, now);
            return existing is null;
        }
    }

    internal bool DeleteSecret(string name)
    {
        lock (gate)
        {
            return secrets.Remove(name.ToUpperInvariant());
        }
    }

    /// <summary>Writes <see cref="WrittenFiles"/> under <paramref name="folder"/> (e.g. the files a dry-run registration pushed).</summary>
    public async Task SaveWrittenFilesAsync(string folder, CancellationToken cancellationToken)
    {
        foreach (var (path, content) in WrittenFiles)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, content, cancellationToken);
        }
    }

    /// <summary>
    /// The folder's files as GitHub would hold them after a commit of the work tree: in a git work tree, tracked and
    /// untracked files that .gitignore does not exclude; elsewhere every file outside .git/.
    /// </summary>
    private static async Task<IReadOnlySet<string>> FolderFilesAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return new HashSet<string>();
        }

        GitResult? listed;
        try
        {
            listed = await GitProcess.RunAsync(folder, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cancellationToken);
        }
        catch (GitUnavailableException)
        {
            listed = null;
        }

        IEnumerable<string> files = listed is { Succeeded: true }
            ? listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'));
        return files
            .Where(f => !f.Split('/').Contains(".git") && File.Exists(Path.Combine(folder, f)))
            .ToHashSet(StringComparer.Ordinal);
    }
}

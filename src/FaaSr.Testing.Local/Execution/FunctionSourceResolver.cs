using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Maps an action's FunctionGitRepo (or FunctionLocalFile) entry to local code. FaaSr downloads
/// "owner/repo/sub/dir" from GitHub; locally the same code is the longest tail of "sub/dir" that exists under the
/// functions root: with root "./functions", "owner/repo/functions/X" is "./functions/X"; with the repository root
/// as root, it is "./functions/X" too. URLs ("https://github.com/o/r/tree/main/sub/dir") map the same way.
/// Each piece of code is also given the place FaaSr 2.1 downloads it to (see <see cref="FunctionCodePlacement"/>):
/// a sub folder of the GitHub tarball keeps the tarball's root folder "{owner}-{repo}-{sha}" and its path, with every
/// sibling whose name starts with the folder's name (FaaSr extracts by name prefix); a single .py file lies directly
/// in the download folder; a "https://github.com/o/r.git" clone lies in "o/r".
/// </summary>
public sealed class FunctionSourceResolver(string functionsRoot)
{
    public string FunctionsRoot { get; } = Path.GetFullPath(functionsRoot);

    public FunctionSource Resolve(WorkflowDocument document, ActionDefinition action)
    {
        var folders = new List<string>();
        var files = new List<string>();
        var placements = new List<FunctionCodePlacement>();
        if (document.FunctionGitRepo.TryGetValue(action.FunctionName, out var repos))
        {
            foreach (var repo in repos)
            {
                var local = Locate(action, "FunctionGitRepo", repo, RepositoryTail(repo));
                Add(local, folders, files);
                placements.AddRange(DownloadPlacements(repo, local));
            }
        }
        else if (document.FunctionLocalFile.TryGetValue(action.FunctionName, out var localFiles))
        {
            foreach (var localFile in localFiles)
            {
                var tail = Path.IsPathRooted(localFile)
                    ? [Path.GetFileName(localFile)]
                    : localFile.Split('/', '\\', StringSplitOptions.RemoveEmptyEntries);
                var local = Path.IsPathRooted(localFile) && Exists(localFile) ? localFile : Locate(action, "FunctionLocalFile", localFile, tail);
                Add(local, folders, files);

                // FaaSr copies a FunctionLocalFile to the same relative path below the download folder.
                placements.Add(new FunctionCodePlacement(local, Path.IsPathRooted(localFile) ? Path.GetFileName(localFile) : string.Join('/', tail)));
            }
        }
        else
        {
            throw new LocalRunSetupException(
                $"Workflow '{document.WorkflowName}', action '{action.Name}': FunctionGitRepo has no entry for FunctionName '{action.FunctionName}', so its code cannot be found.");
        }

        return new FunctionSource(folders, files) { Placements = placements };
    }

    /// <summary>Where FaaSr 2.1's faasr_install_git_repos puts the code of one FunctionGitRepo entry.</summary>
    private static IEnumerable<FunctionCodePlacement> DownloadPlacements(string repo, string local)
    {
        var parts = repo.Split('/');
        if (repo.StartsWith("https://github.com", StringComparison.Ordinal) && parts.Length == 5)
        {
            // git clone --depth=1 into {owner}/{repo}
            var name = parts[4].EndsWith(".git", StringComparison.Ordinal) ? parts[4][..^4] : parts[4];
            yield return new FunctionCodePlacement(local, $"{parts[3]}/{name}");
            yield break;
        }

        var fileName = repo.Split('/').Last();
        if (fileName.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".r", StringComparison.OrdinalIgnoreCase))
        {
            yield return new FunctionCodePlacement(local, fileName);
            yield break;
        }

        var (owner, repository) = repo.StartsWith("https://github.com", StringComparison.Ordinal)
            ? (parts.ElementAtOrDefault(3) ?? string.Empty, parts.ElementAtOrDefault(4) ?? string.Empty)
            : (parts[0], parts.ElementAtOrDefault(1) ?? string.Empty);
        var root = $"{owner}-{repository}-{TarballSha}";
        var inside = string.Join('/', RepositoryTail(repo));
        if (inside.Length == 0 || !Directory.Exists(local))
        {
            yield return new FunctionCodePlacement(local, inside.Length == 0 ? root : $"{root}/{inside}");
            yield break;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(local).TrimEnd(Path.DirectorySeparatorChar))!;
        var folderName = Path.GetFileName(Path.GetFullPath(local).TrimEnd(Path.DirectorySeparatorChar));
        var insideParent = inside.Contains('/', StringComparison.Ordinal) ? inside[..inside.LastIndexOf('/')] + "/" : string.Empty;
        var lastName = inside.Split('/').Last();
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent).Order(StringComparer.Ordinal))
        {
            var entryName = Path.GetFileName(entry);
            if (entryName.StartsWith(folderName, StringComparison.Ordinal))
            {
                yield return new FunctionCodePlacement(entry, $"{root}/{insideParent}{lastName}{entryName[folderName.Length..]}");
            }
        }
    }

    /// <summary>Stands for the commit in GitHub's tarball root folder name; the local code has none.</summary>
    private const string TarballSha = "local";

    private string Locate(ActionDefinition action, string key, string value, IReadOnlyList<string> tail)
    {
        if (TryLocate(action, key, value, tail, out var tried) is { } found)
        {
            return found;
        }

        throw new LocalRunSetupException(NotFoundMessage(action, key, value, [FunctionsRoot], tried));
    }

    /// <summary>
    /// Whether every Python and R action of <paramref name="document"/> finds its code under this root; otherwise the
    /// first action that does not, and the paths tried for it (shortest first).
    /// </summary>
    public bool FindsEveryAction(WorkflowDocument document, out (ActionDefinition Action, string Key, string Value, IReadOnlyList<string> Tried)? missing)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var action in document.Actions.Where(a => (a.Type ?? FunctionLanguage.Python) is FunctionLanguage.Python or FunctionLanguage.R))
        {
            var entries = document.FunctionGitRepo.TryGetValue(action.FunctionName, out var repos)
                ? repos.Select(r => ("FunctionGitRepo", r, RepositoryTail(r)))
                : document.FunctionLocalFile.TryGetValue(action.FunctionName, out var localFiles)
                    ? localFiles.Where(f => !Path.IsPathRooted(f)).Select(f => ("FunctionLocalFile", f, (IReadOnlyList<string>)f.Split('/', '\\', StringSplitOptions.RemoveEmptyEntries)))
                    : [];
            foreach (var (key, value, tail) in entries)
            {
                if (tail.Contains("..") || TryLocate(action, key, value, tail, out var tried) is null)
                {
                    missing = (action, key, value, tail.Contains("..") ? [] : TriedFor(tail));
                    return false;
                }
            }
        }

        missing = null;
        return true;
    }

    /// <summary>
    /// The error for code that no root holds: the action, the key and value, every path tried (shortest first) and
    /// the layouts a root may have.
    /// </summary>
    public static string NotFoundMessage(ActionDefinition action, string key, string value, IReadOnlyList<string> roots, IReadOnlyList<string> tried)
    {
        ArgumentNullException.ThrowIfNull(action);
        var where = roots.Count == 1 ? $"the functions folder {roots[0]}" : $"any of the functions folders {string.Join(", ", roots)}";
        var paths = tried.Distinct(StringComparer.Ordinal).OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal);
        return $"Action '{action.Name}': {key}['{action.FunctionName}'] = '{value}' matches nothing under {where} (tried, shortest first: {string.Join(", ", paths)}). "
            + "A functions folder may be the folder that holds the code itself, a functions/ folder with a sub folder per workflow, or a repository root with functions/ in it.";
    }

    /// <summary>The longest tail of <paramref name="tail"/> that exists under the root, else the root itself when it holds code files directly.</summary>
    private string? TryLocate(ActionDefinition action, string key, string value, IReadOnlyList<string> tail, out IReadOnlyList<string> tried)
    {
        tried = [];
        if (tail.Count == 0)
        {
            return FunctionsRoot;
        }

        if (tail.Contains(".."))
        {
            throw new LocalRunSetupException(
                $"Action '{action.Name}': {key}['{action.FunctionName}'] = '{value}' has a '..' segment; code must come from inside the functions folder {FunctionsRoot}.");
        }

        foreach (var candidate in Candidates(tail))
        {
            // A rooted segment ("C:", "/x" after unescaping) replaces the root: never look there.
            if (IsInside(candidate, FunctionsRoot) && Exists(candidate))
            {
                return candidate;
            }
        }

        // The root is the folder that holds the code itself ("--functions my-workflow/" beside the .py files): only a
        // folder that has code files of its own counts, so a repository root without the code is not taken for it.
        if (!IsCodeFile(tail[^1]) && HoldsCodeFiles(FunctionsRoot))
        {
            return FunctionsRoot;
        }

        tried = TriedFor(tail);
        return null;
    }

    private IEnumerable<string> Candidates(IReadOnlyList<string> tail)
    {
        for (var skip = 0; skip < tail.Count; skip++)
        {
            yield return Path.GetFullPath(Path.Combine([FunctionsRoot, .. tail.Skip(skip)]));
        }
    }

    private IReadOnlyList<string> TriedFor(IReadOnlyList<string> tail) =>
        [FunctionsRoot, .. Candidates(tail).Reverse()];

    private static bool HoldsCodeFiles(string folder) => Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(IsCodeFile);

    private static bool IsCodeFile(string name) => Path.GetExtension(name).ToLowerInvariant() is ".py" or ".r";

    /// <summary>The path inside the repository: "o/r/a/b" gives [a, b]; URLs drop the host, tree/blob and branch.</summary>
    private static IReadOnlyList<string> RepositoryTail(string repo)
    {
        if (Uri.TryCreate(repo, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
            var skip = uri.Host.Equals("raw.githubusercontent.com", StringComparison.OrdinalIgnoreCase) ? 3
                : segments.Count > 3 && segments[2] is "tree" or "blob" ? 4
                : 2;
            return segments.Skip(skip).ToArray();
        }

        var parts = repo.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Skip(2).ToArray();
    }

    private static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    private static void Add(string path, List<string> folders, List<string> files)
    {
        if (Directory.Exists(path))
        {
            folders.Add(path);
        }
        else
        {
            files.Add(path);
        }
    }
}

using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Maps an action's FunctionGitRepo (or FunctionLocalFile) entry to local code. FaaSr downloads
/// "owner/repo/sub/dir" from GitHub; locally the same code is the longest tail of "sub/dir" that exists under the
/// functions root: with root "./functions", "owner/repo/functions/X" is "./functions/X"; with the repository root
/// as root, it is "./functions/X" too. URLs ("https://github.com/o/r/tree/main/sub/dir") map the same way.
/// </summary>
public sealed class FunctionSourceResolver(string functionsRoot)
{
    public string FunctionsRoot { get; } = Path.GetFullPath(functionsRoot);

    public FunctionSource Resolve(WorkflowDocument document, ActionDefinition action)
    {
        var folders = new List<string>();
        var files = new List<string>();
        if (document.FunctionGitRepo.TryGetValue(action.FunctionName, out var repos))
        {
            foreach (var repo in repos)
            {
                Add(Locate(action, "FunctionGitRepo", repo, RepositoryTail(repo)), folders, files);
            }
        }
        else if (document.FunctionLocalFile.TryGetValue(action.FunctionName, out var localFiles))
        {
            foreach (var localFile in localFiles)
            {
                var tail = Path.IsPathRooted(localFile)
                    ? [Path.GetFileName(localFile)]
                    : localFile.Split('/', '\\', StringSplitOptions.RemoveEmptyEntries);
                Add(Path.IsPathRooted(localFile) && Exists(localFile) ? localFile : Locate(action, "FunctionLocalFile", localFile, tail), folders, files);
            }
        }
        else
        {
            throw new LocalRunSetupException(
                $"Workflow '{document.WorkflowName}', action '{action.Name}': FunctionGitRepo has no entry for FunctionName '{action.FunctionName}', so its code cannot be found.");
        }

        return new FunctionSource(folders, files);
    }

    private string Locate(ActionDefinition action, string key, string value, IReadOnlyList<string> tail)
    {
        if (tail.Count == 0)
        {
            return FunctionsRoot;
        }

        var tried = new List<string>();
        for (var skip = 0; skip < tail.Count; skip++)
        {
            var candidate = Path.Combine([FunctionsRoot, .. tail.Skip(skip)]);
            if (Exists(candidate))
            {
                return candidate;
            }

            tried.Add(candidate);
        }

        throw new LocalRunSetupException(
            $"Action '{action.Name}': {key}['{action.FunctionName}'] = '{value}' matches nothing under the functions folder {FunctionsRoot} (tried {string.Join(", ", tried)}).");
    }

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

using System.Text.Json;
using System.Text.Json.Nodes;
using FaaSr.Testing.Errors;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Faasr.Running;

/// <summary>
/// The files the GitHub stand-in serves as the workflow's repositories for one run: the workflow file (the user's
/// JSON, with the invocation decided in advance and each DataStore's Endpoint at the run's storage, the only change
/// FaaSr needs) at <see cref="WorkflowPath"/>, and every action's code at the path its FunctionGitRepo names, copied
/// from the local functions folder. Every repository the workflow names (its GitHubActions servers and its
/// FunctionGitRepo owners) is served from this one folder.
/// </summary>
internal sealed class StagedRepository
{
    private StagedRepository(string folder, string workflowPath, IReadOnlyList<StandInRepositorySource> repositories,
        IReadOnlyList<string> repositoryNames)
    {
        Folder = folder;
        WorkflowPath = workflowPath;
        Repositories = repositories;
        RepositoryNames = repositoryNames;
    }

    public string Folder { get; }

    /// <summary>The workflow file's path in the repository ("{WorkflowName}.json", as the emulated compute's PAYLOAD_URL has it).</summary>
    public string WorkflowPath { get; }

    public IReadOnlyList<StandInRepositorySource> Repositories { get; }

    /// <summary>The repository names, for the tarballs FaaSr saves as /tmp/{name}.tar.gz.</summary>
    public IReadOnlyList<string> RepositoryNames { get; }

    /// <exception cref="BadInputException">An action's code cannot be served (a git clone URL, code outside the
    /// functions folder).</exception>
    public static async Task<StagedRepository> CreateAsync(ComputeStart start, string folder, CancellationToken cancellationToken)
    {
        var document = start.Graph.Document;
        Directory.CreateDirectory(folder);
        var workflowPath = $"{document.WorkflowName}.json";
        await File.WriteAllTextAsync(Path.Combine(folder, workflowPath), WorkflowJson(start), cancellationToken);

        var resolver = new FunctionSourceResolver(start.FunctionsRoot);
        var repositories = new Dictionary<string, StandInRepositorySource>(StringComparer.OrdinalIgnoreCase);
        foreach (var server in document.ComputeServers.Values.Where(s => s.FaaSType == "GitHubActions"))
        {
            var owner = server.Field("UserName");
            var name = server.Field("ActionRepoName");
            if (owner is not null && name is not null)
            {
                repositories.TryAdd($"{owner}/{name}", new StandInRepositorySource(owner, name, folder, server.Field("Branch") ?? "main"));
            }
        }

        foreach (var action in document.Actions.DistinctBy(a => a.FunctionName))
        {
            if (!document.FunctionGitRepo.TryGetValue(action.FunctionName, out var entries))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                var (owner, name) = Owner(action, entry);
                repositories.TryAdd($"{owner}/{name}", new StandInRepositorySource(owner, name, folder));
            }

            // A FunctionGitRepo that matches nothing under the functions folder is bad input (LocalRunSetupException).
            var source = resolver.Resolve(document, action);
            foreach (var placement in source.Placements)
            {
                var slash = placement.DownloadPath.IndexOf('/', StringComparison.Ordinal);
                var inRepository = slash > 0
                    ? placement.DownloadPath[(slash + 1)..]
                    : SingleFilePath(entries, placement.DownloadPath) ?? placement.DownloadPath;
                Copy(placement.LocalPath, Path.Combine(folder, inRepository));
            }
        }

        return new StagedRepository(folder, workflowPath, repositories.Values.ToList(),
            repositories.Values.Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The user's JSON with the invocation fixed and every DataStore at the run's storage.</summary>
    private static string WorkflowJson(ComputeStart start)
    {
        var json = (JsonObject)start.Graph.Document.Raw.DeepClone();
        json["InvocationID"] = start.Folder.InvocationId;
        json["InvocationTimestamp"] = start.Folder.InvocationTimestamp;
        json.Remove("InvocationIDFromDate");
        if (json["DataStores"] is JsonObject stores)
        {
            foreach (var (name, endpoint) in start.Storage.FunctionEndpoints)
            {
                if (stores[name] is JsonObject store)
                {
                    store["Endpoint"] = endpoint;
                }
            }
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static (string Owner, string Name) Owner(ActionDefinition action, string entry)
    {
        if (entry.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || entry.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            var segments = new Uri(entry).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (entry.EndsWith(".git", StringComparison.OrdinalIgnoreCase) || segments.Length < 2)
            {
                throw new BadInputException(
                    $"Action '{action.Name}': FunctionGitRepo['{action.FunctionName}'] = '{entry}' is cloned with git by FaaSr, which " +
                    $"the faasr compute's GitHub stand-in does not serve; use the owner/repo/path form.");
            }

            return (segments[0], segments[1]);
        }

        var parts = entry.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2
            ? (parts[0], parts[1])
            : throw new BadInputException(
                $"Action '{action.Name}': FunctionGitRepo['{action.FunctionName}'] = '{entry}' does not name owner/repo.");
    }

    /// <summary>A single .py or .R entry ("o/r/path/f.py") lies at its path in the repository.</summary>
    private static string? SingleFilePath(IReadOnlyList<string> entries, string fileName) =>
        entries.Select(e => e.Split('/', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length > 2 && p[^1] == fileName)
            .Select(p => string.Join('/', p.Skip(2)))
            .FirstOrDefault();

    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "__pycache__" or ".git"))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }
}

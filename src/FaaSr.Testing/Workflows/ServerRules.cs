namespace FaaSr.Testing.Workflows;

/// <summary>
/// ComputeServers rules (spec/faasr.md §1): every FaaSServer names a server, FaaSType is a known platform with its
/// required fields, and the entry action's server uses the secret store.
/// </summary>
internal static class ServerRules
{
    private static readonly Dictionary<string, string[]> RequiredFieldsByType = new(StringComparer.Ordinal)
    {
        ["GitHubActions"] = ["UserName", "ActionRepoName"],
        ["Lambda"] = ["Region"],
        ["OpenWhisk"] = ["Endpoint", "Namespace"],
        ["GoogleCloud"] = ["Namespace", "ClientEmail", "TokenUri", "Region"],
        ["SLURM"] = ["Endpoint", "UserName", "APIVersion", "Partition"],
        ["Kubernetes"] = ["Endpoint"],
    };

    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        foreach (var server in document.ComputeServers.Values)
        {
            CheckServer(server, problems);
        }

        foreach (var action in document.Actions)
        {
            if (action.FaaSServer.Length > 0 && !document.ComputeServers.ContainsKey(action.FaaSServer))
            {
                problems.Add(action.Name, WorkflowPaths.ActionKey(action.Name, "FaaSServer"), $"FaaSServer '{action.FaaSServer}' is not a key of ComputeServers (known: {Known(document.ComputeServers.Keys)})");
            }
        }

        if (document.FindAction(document.FunctionInvoke) is { } entry
            && document.ComputeServers.TryGetValue(entry.FaaSServer, out var entryServer)
            && !entryServer.UseSecretStore)
        {
            problems.Add(entry.Name, WorkflowPaths.ServerKey(entryServer.Name, "UseSecretStore"), $"the entry action runs on server '{entryServer.Name}', which must have \"UseSecretStore\": true");
        }
    }

    private static void CheckServer(ComputeServer server, ProblemList problems)
    {
        if (server.FaaSType.Length == 0)
        {
            return;
        }

        if (!RequiredFieldsByType.TryGetValue(server.FaaSType, out var required))
        {
            problems.Add(null, WorkflowPaths.ServerKey(server.Name, "FaaSType"), $"FaaSType '{server.FaaSType}' of server '{server.Name}' must be one of {Known(RequiredFieldsByType.Keys)}");
            return;
        }

        foreach (var field in required.Where(f => string.IsNullOrEmpty(server.Field(f))))
        {
            var state = server.Fields[field] is null ? "is missing" : "must be a non-empty string";
            problems.Add(null, WorkflowPaths.ServerKey(server.Name, field), $"server '{server.Name}' of type {server.FaaSType} needs {field}, which {state}");
        }
    }

    private static string Known(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}

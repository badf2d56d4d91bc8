namespace FaaSr.Testing.Workflows;

/// <summary>
/// ComputeServers rules (docs/faasr-semantics.md, "Compute servers"): every FaaSServer names a server, FaaSType is a
/// type of <see cref="FaaSTypes"/> with its required fields, and the entry action's server uses the secret store.
/// </summary>
internal static class ServerRules
{
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
                problems.Add(action.Name, WorkflowPaths.ActionKey(action.Name, "FaaSServer"),
                    $"FaaSServer '{action.FaaSServer}' is not a key of ComputeServers (known: {Known(document.ComputeServers.Keys)})");
            }
        }

        if (document.FindAction(document.FunctionInvoke) is { } entry
            && document.ComputeServers.TryGetValue(entry.FaaSServer, out var entryServer)
            && !entryServer.UseSecretStore)
        {
            problems.Add(entry.Name, WorkflowPaths.ServerKey(entryServer.Name, "UseSecretStore"),
                $"the entry action runs on server '{entryServer.Name}', which must have \"UseSecretStore\": true");
        }
    }

    private static void CheckServer(ComputeServer server, ProblemList problems)
    {
        if (server.FaaSType.Length == 0)
        {
            return;
        }

        if (FaaSTypes.Find(server.FaaSType) is not { } type)
        {
            problems.Add(null, WorkflowPaths.ServerKey(server.Name, "FaaSType"),
                $"FaaSType '{server.FaaSType}' of server '{server.Name}' must be one of {Known(FaaSTypes.All.Select(t => t.Name))}");
            return;
        }

        foreach (var field in type.RequiredFields.Where(f => string.IsNullOrEmpty(server.Field(f))))
        {
            var state = server.Fields[field] is null ? "is missing" : "must be a non-empty string";
            problems.Add(null, WorkflowPaths.ServerKey(server.Name, field),
                $"server '{server.Name}' of type {server.FaaSType} needs {field}, which {state}");
        }
    }

    private static string Known(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}

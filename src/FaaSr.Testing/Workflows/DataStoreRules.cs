namespace FaaSr.Testing.Workflows;

/// <summary>
/// DataStores rules (docs/faasr-semantics.md, "Workflow file"): the default and logging stores exist; endpoints are
/// http(s) URLs.
/// </summary>
internal static class DataStoreRules
{
    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        CheckReference(document, "DefaultDataStore", document.DefaultDataStore, problems);
        CheckReference(document, "LoggingDataStore", document.LoggingDataStore, problems);

        foreach (var store in document.DataStores.Values)
        {
            if (!string.IsNullOrEmpty(store.Endpoint) && !store.Endpoint.StartsWith("http", StringComparison.Ordinal))
            {
                problems.Add(null, WorkflowPaths.StoreKey(store.Name, "Endpoint"),
                    $"Endpoint of data store '{store.Name}' must start with http:// or https://");
            }
        }
    }

    private static void CheckReference(WorkflowDocument document, string key, string? storeName, ProblemList problems)
    {
        if (!string.IsNullOrEmpty(storeName) && !document.DataStores.ContainsKey(storeName))
        {
            problems.Add(null, WorkflowPaths.Key(key),
                $"{key} '{storeName}' is not a key of DataStores " +
                $"(known: {(document.DataStores.Count > 0 ? string.Join(", ", document.DataStores.Keys) : "none")})");
        }
    }
}

namespace FaaSr.Testing.Workflows;

/// <summary>The JSON paths of the parts of a workflow file that the rules point at.</summary>
internal static class WorkflowPaths
{
    public static string Key(string key) => JsonPathText.Property(JsonPathText.Root, key);

    public static string Action(string action) => JsonPathText.Property(Key("ActionList"), action);

    public static string ActionKey(string action, string key) => JsonPathText.Property(Action(action), key);

    public static string Server(string server) => JsonPathText.Property(Key("ComputeServers"), server);

    public static string ServerKey(string server, string key) => JsonPathText.Property(Server(server), key);

    public static string Store(string store) => JsonPathText.Property(Key("DataStores"), store);

    public static string StoreKey(string store, string key) => JsonPathText.Property(Store(store), key);

    public static string InvokeNextItem(string action, int index) => JsonPathText.Index(ActionKey(action, "InvokeNext"), index);
}

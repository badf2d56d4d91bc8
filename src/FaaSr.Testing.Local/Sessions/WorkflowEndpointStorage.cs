using FaaSr.Testing.Profiles;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>
/// The cloud profile's storage: every DataStore at the workflow's own endpoint (AWS when it names none), signed with
/// {Store}_AccessKey and {Store}_SecretKey from the settings (process environment, then .env). Nothing is created;
/// the objects stay where they are.
/// </summary>
internal sealed class WorkflowEndpointStorage : ISessionStorage
{
    private readonly IReadOnlyDictionary<string, S3ObjectStore> stores;

    private WorkflowEndpointStorage(IReadOnlyDictionary<string, S3ObjectStore> stores, IReadOnlyDictionary<string, string> credentials)
    {
        this.stores = stores;
        FunctionCredentials = credentials;
        Description = "the workflow's own DataStores: " + string.Join("; ", stores.Select(s => $"{s.Key} = bucket '{s.Value.Bucket}' at {s.Value.Connection.Describe()}"));
    }

    public string Description { get; }

    public IReadOnlyDictionary<string, string> FunctionEndpoints { get; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> FunctionCredentials { get; }

    /// <summary>Opens a store per DataStore; a missing credential is a <see cref="SettingsException"/> naming the variable.</summary>
    public static WorkflowEndpointStorage Open(WorkflowDocument document, SettingSources settings, S3ObjectStoreOptions options)
    {
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        var connections = new Dictionary<string, S3Connection>(StringComparer.Ordinal);
        foreach (var store in document.DataStores.Values)
        {
            if (store.Anonymous)
            {
                connections[store.Name] = S3Connection.FromDataStore(store, null, null);
                continue;
            }

            var accessKey = Credential(settings, store, "AccessKey", store.AccessKey);
            var secretKey = Credential(settings, store, "SecretKey", store.SecretKey);
            credentials[$"{store.Name}_AccessKey"] = accessKey;
            credentials[$"{store.Name}_SecretKey"] = secretKey;
            connections[store.Name] = S3Connection.FromDataStore(store, accessKey, secretKey);
        }

        var stores = connections.ToDictionary(c => c.Key, c => new S3ObjectStore(c.Value, document.DataStores[c.Key].Bucket, options), StringComparer.Ordinal);
        return new WorkflowEndpointStorage(stores, credentials);
    }

    public IObjectStore StoreFor(string dataStoreName) =>
        stores.TryGetValue(dataStoreName, out var store)
            ? store
            : throw new KeyNotFoundException($"No DataStore '{dataStoreName}' in this workflow. Known: {string.Join(", ", stores.Keys)}.");

    /// <summary>Cloud objects outlive the session anyway.</summary>
    public void Retain()
    {
    }

    public ValueTask DisposeAsync()
    {
        foreach (var store in stores.Values)
        {
            store.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string Credential(SettingSources settings, DataStore store, string kind, string? inFile)
    {
        var variable = $"{store.Name}_{kind}";
        return settings.Get(variable) ?? (string.IsNullOrEmpty(inFile) ? settings.Require(variable, $"the {kind} of DataStore '{store.Name}' for the cloud profile") : inFile);
    }
}

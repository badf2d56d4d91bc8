using FaaSr.Testing.Profiles;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// Storage at real endpoints, signed with {Store}_AccessKey and {Store}_SecretKey from the settings (process
/// environment, then .env): every DataStore at the workflow's own endpoint (AWS when it names none), or all of them at
/// one endpoint given instead, where missing buckets are created. The objects outlive the session.
/// </summary>
internal sealed class EndpointRunStorage : IRunStorage
{
    private readonly IReadOnlyDictionary<string, S3ObjectStore> stores;

    private EndpointRunStorage(IReadOnlyDictionary<string, S3ObjectStore> stores, IReadOnlyDictionary<string, string> credentials, IReadOnlyDictionary<string, string> endpoints)
    {
        this.stores = stores;
        FunctionCredentials = credentials;
        FunctionEndpoints = endpoints;
        Description = string.Join("; ", stores.Select(s => $"{s.Key} = bucket '{s.Value.Bucket}' at {s.Value.Connection.Describe()}"));
    }

    public string Description { get; }

    public IReadOnlyDictionary<string, string> FunctionEndpoints { get; }

    public IReadOnlyDictionary<string, string> FunctionCredentials { get; }

    /// <summary>
    /// Opens a store per DataStore, at <paramref name="endpoint"/> when given (creating missing buckets there), else at
    /// the workflow's own endpoints. A missing credential is a <see cref="SettingsException"/> naming the variable.
    /// </summary>
    public static async Task<EndpointRunStorage> OpenAsync(
        WorkflowDocument document, SettingSources settings, S3ObjectStoreOptions options, Uri? endpoint, CancellationToken cancellationToken)
    {
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        var connections = new Dictionary<string, S3Connection>(StringComparer.Ordinal);
        foreach (var store in document.DataStores.Values)
        {
            var located = endpoint is null ? store : store with { Endpoint = endpoint.ToString() };
            if (store.Anonymous)
            {
                connections[store.Name] = S3Connection.FromDataStore(located, null, null);
                continue;
            }

            var accessKey = Credential(settings, store, "AccessKey", store.AccessKey);
            var secretKey = Credential(settings, store, "SecretKey", store.SecretKey);
            credentials[$"{store.Name}_AccessKey"] = accessKey;
            credentials[$"{store.Name}_SecretKey"] = secretKey;
            connections[store.Name] = S3Connection.FromDataStore(located, accessKey, secretKey);
        }

        var stores = connections.ToDictionary(c => c.Key, c => new S3ObjectStore(c.Value, document.DataStores[c.Key].Bucket, options), StringComparer.Ordinal);
        var endpoints = endpoint is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : stores.Keys.ToDictionary(name => name, _ => endpoint.ToString().TrimEnd('/'), StringComparer.Ordinal);
        var storage = new EndpointRunStorage(stores, credentials, endpoints);
        try
        {
            if (endpoint is not null)
            {
                foreach (var store in stores.Values)
                {
                    await store.EnsureBucketAsync(cancellationToken);
                }
            }

            return storage;
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    public IObjectStore StoreFor(string dataStoreName) =>
        stores.TryGetValue(dataStoreName, out var store)
            ? store
            : throw new KeyNotFoundException($"No DataStore '{dataStoreName}' in this workflow. Known: {string.Join(", ", stores.Keys)}.");

    /// <summary>Nothing to do: these objects outlive the session anyway.</summary>
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
        return settings.Get(variable) ?? (string.IsNullOrEmpty(inFile) ? settings.Require(variable, $"the {kind} of DataStore '{store.Name}'") : inFile);
    }
}

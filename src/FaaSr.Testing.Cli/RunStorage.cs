using FaaSr.Testing.Local;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>
/// The S3 side of a local run: every DataStore of the workflow as a bucket on the local s3rver (started here), or on
/// the endpoint given with credentials from {Store}_AccessKey / {Store}_SecretKey. Buckets are created when missing.
/// </summary>
internal sealed class RunStorage : IAsyncDisposable
{
    private readonly LocalS3Server? server;
    private readonly Dictionary<string, IObjectStore> stores;

    private RunStorage(LocalS3Server? server, Dictionary<string, IObjectStore> stores, IReadOnlyDictionary<string, string> endpoints, IReadOnlyDictionary<string, string> credentials)
    {
        this.server = server;
        this.stores = stores;
        Endpoints = endpoints;
        Credentials = credentials;
    }

    /// <summary>Where each store really is, for faasr_get_s3_creds.</summary>
    public IReadOnlyDictionary<string, string> Endpoints { get; }

    /// <summary>{Store}_AccessKey and {Store}_SecretKey of every store.</summary>
    public IReadOnlyDictionary<string, string> Credentials { get; }

    public IObjectStore Store(string dataStore) =>
        stores.TryGetValue(dataStore, out var store) ? store : throw new KeyNotFoundException($"The workflow has no data store '{dataStore}'.");

    /// <exception cref="MissingCredentialException">--s3-endpoint without a store's credentials in the environment.</exception>
    /// <exception cref="LocalS3ServerException">The local S3 server did not start.</exception>
    /// <exception cref="ObjectStoreException">A bucket cannot be reached or created.</exception>
    public static async Task<RunStorage> OpenAsync(WorkflowDocument document, Uri? endpoint, CancellationToken cancellationToken)
    {
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        var stores = new Dictionary<string, IObjectStore>(StringComparer.Ordinal);
        if (endpoint is not null)
        {
            foreach (var (name, dataStore) in document.DataStores)
            {
                var accessKey = RequiredVariable($"{name}_AccessKey");
                var secretKey = RequiredVariable($"{name}_SecretKey");
                credentials[$"{name}_AccessKey"] = accessKey;
                credentials[$"{name}_SecretKey"] = secretKey;
                endpoints[name] = endpoint.ToString();
                stores[name] = new S3ObjectStore(new S3Connection(endpoint, dataStore.Region, accessKey, secretKey), dataStore.Bucket);
            }

            var storage = new RunStorage(null, stores, endpoints, credentials);
            await storage.EnsureBucketsAsync(cancellationToken);
            return storage;
        }

        var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), cancellationToken);
        try
        {
            foreach (var (name, dataStore) in document.DataStores)
            {
                credentials[$"{name}_AccessKey"] = server.Connection.AccessKey!;
                credentials[$"{name}_SecretKey"] = server.Connection.SecretKey!;
                endpoints[name] = server.Connection.ServiceUrl!.ToString();
                stores[name] = server.OpenStore(dataStore.Bucket);
            }

            var storage = new RunStorage(server, stores, endpoints, credentials);
            await storage.EnsureBucketsAsync(cancellationToken);
            return storage;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            return;
        }

        foreach (var store in stores.Values.OfType<IDisposable>())
        {
            store.Dispose();
        }
    }

    private async Task EnsureBucketsAsync(CancellationToken cancellationToken)
    {
        foreach (var store in stores.Values)
        {
            await store.EnsureBucketAsync(cancellationToken);
        }
    }

    private static string RequiredVariable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new MissingCredentialException(name);
}

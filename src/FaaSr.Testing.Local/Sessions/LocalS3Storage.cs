using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>
/// The local profile's storage: one s3rver on loopback holds every DataStore of the workflow (each bucket created),
/// with s3rver's credentials. Its data folder is removed on dispose unless retained or given in the options.
/// </summary>
internal sealed class LocalS3Storage : IRunStorage
{
    private readonly LocalS3Server server;
    private readonly IReadOnlyDictionary<string, IObjectStore> stores;
    private readonly bool ownsDataDirectory;
    private bool retained;

    private LocalS3Storage(LocalS3Server server, IReadOnlyDictionary<string, IObjectStore> stores, bool ownsDataDirectory)
    {
        this.server = server;
        this.stores = stores;
        this.ownsDataDirectory = ownsDataDirectory;
        var endpoint = server.Connection.ServiceUrl!.ToString().TrimEnd('/');
        FunctionEndpoints = stores.Keys.ToDictionary(name => name, _ => endpoint, StringComparer.Ordinal);
        FunctionCredentials = stores.Keys
            .SelectMany(name => new[] { ($"{name}_AccessKey", LocalS3Server.AccessKey), ($"{name}_SecretKey", LocalS3Server.SecretKey) })
            .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);
    }

    public string Description => $"local S3 server (s3rver) at {server.Connection.ServiceUrl}, data folder {server.DataDirectory}";

    public IReadOnlyDictionary<string, string> FunctionEndpoints { get; }

    public IReadOnlyDictionary<string, string> FunctionCredentials { get; }

    /// <summary>Starts s3rver and creates the bucket of every DataStore of <paramref name="document"/>.</summary>
    public static async Task<LocalS3Storage> StartAsync(WorkflowDocument document, LocalS3ServerOptions options,
        CancellationToken cancellationToken)
    {
        var ownsDataDirectory = string.IsNullOrWhiteSpace(options.DataDirectory);
        var dataDirectory = ownsDataDirectory ? TemporaryDataDirectory() : options.DataDirectory!;
        LocalS3Server? server = null;
        try
        {
            server = await LocalS3Server.StartAsync(options with { DataDirectory = dataDirectory }, cancellationToken);
            await server.CreateBucketsAsync(document.DataStores.Values.Select(s => s.Bucket).Distinct(StringComparer.Ordinal),
                cancellationToken);
            var stores = document.DataStores.Values.ToDictionary(s => s.Name, s => server.OpenStore(s.Bucket), StringComparer.Ordinal);
            return new LocalS3Storage(server, stores, ownsDataDirectory);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            if (ownsDataDirectory)
            {
                Directory.Delete(dataDirectory, recursive: true);
            }

            throw;
        }
    }

    private static string TemporaryDataDirectory()
    {
        try
        {
            return Directory.CreateTempSubdirectory("faasr-it-s3-").FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalS3ServerException(
                $"Cannot create the local S3 server's data folder in the temporary folder '{Path.GetTempPath()}': {e.Message}", e);
        }
    }

    public IObjectStore StoreFor(string dataStoreName) =>
        stores.TryGetValue(dataStoreName, out var store)
            ? store
            : throw new KeyNotFoundException($"No DataStore '{dataStoreName}' in this workflow. Known: {string.Join(", ", stores.Keys)}.");

    public void Retain() => retained = true;

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        if (ownsDataDirectory && !retained && Directory.Exists(server.DataDirectory))
        {
            Directory.Delete(server.DataDirectory, recursive: true);
        }
    }
}

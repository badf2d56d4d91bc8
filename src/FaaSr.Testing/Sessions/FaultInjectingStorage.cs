using FaaSr.Testing.Profiles;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Storage.Faults;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// A storage seen through <see cref="FaultInjectingProxy"/>s (<c>run --s3-faults RATE</c>): the inner storage opens
/// as usual, then a loopback proxy starts in front of each of its plain-HTTP endpoints, and every store the run uses
/// (monitor, compute, the functions' own endpoints) goes through it, meeting 503 SlowDown, resets and truncated bodies
/// at the given rate. <see cref="IRunStorage.Description"/> ends with what the proxies did so far.
/// </summary>
public sealed class FaultInjectingStorage(IWorkflowStorage inner, RandomFaults faults) : IWorkflowStorage
{
    public string Name => inner.Name;

    public string Description => $"{inner.Description}, through a fault-injecting proxy ({faults})";

    /// <exception cref="SettingsException">A DataStore is not at a plain-HTTP endpoint the proxy can stand in front of.</exception>
    public async Task<IRunStorage> OpenAsync(WorkflowDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var run = await inner.OpenAsync(document, cancellationToken);
        var proxies = new Dictionary<string, FaultInjectingProxy>(StringComparer.Ordinal);
        try
        {
            var stores = new Dictionary<string, IObjectStore>(StringComparer.Ordinal);
            var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var store in document.DataStores.Values)
            {
                var endpoint = run.FunctionEndpoints.GetValueOrDefault(store.Name) ?? store.Endpoint;
                if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var upstream) || upstream.Scheme != Uri.UriSchemeHttp)
                {
                    throw new SettingsException(
                        $"--s3-faults stands a loopback proxy in front of a plain-HTTP S3 endpoint, but DataStore '{store.Name}' is at " +
                        $"{(string.IsNullOrWhiteSpace(endpoint) ? "AWS" : endpoint)}: use storage local or --s3-endpoint http://...");
                }

                var key = upstream.GetLeftPart(UriPartial.Authority);
                if (!proxies.TryGetValue(key, out var proxy))
                {
                    proxy = FaultInjectingProxy.Start(new Uri(key + "/"), faults with { Seed = faults.Seed + proxies.Count });
                    proxies[key] = proxy;
                }

                var connection = new S3Connection(
                    proxy.Url,
                    string.IsNullOrWhiteSpace(store.Region) ? S3Connection.DefaultRegion : store.Region,
                    store.Anonymous ? null : run.FunctionCredentials.GetValueOrDefault($"{store.Name}_AccessKey"),
                    store.Anonymous ? null : run.FunctionCredentials.GetValueOrDefault($"{store.Name}_SecretKey"));
                stores[store.Name] = new S3ObjectStore(connection, store.Bucket);
                endpoints[store.Name] = proxy.Url.ToString().TrimEnd('/');
            }

            return new FaultInjectedRunStorage(run, proxies.Values.ToArray(), stores, endpoints, faults);
        }
        catch
        {
            foreach (var proxy in proxies.Values)
            {
                await proxy.DisposeAsync();
            }

            await run.DisposeAsync();
            throw;
        }
    }

    private sealed class FaultInjectedRunStorage(
        IRunStorage inner,
        IReadOnlyList<FaultInjectingProxy> proxies,
        IReadOnlyDictionary<string, IObjectStore> stores,
        IReadOnlyDictionary<string, string> endpoints,
        RandomFaults faults) : IRunStorage
    {
        public string Description =>
            $"{inner.Description}; through a fault-injecting proxy ({faults}): {string.Join("; ", proxies.Select(p => p.Summary()))}";

        public IReadOnlyDictionary<string, string> FunctionEndpoints => endpoints;

        public IReadOnlyDictionary<string, string> FunctionCredentials => inner.FunctionCredentials;

        public IObjectStore StoreFor(string dataStoreName) =>
            stores.TryGetValue(dataStoreName, out var store)
                ? store
                : throw new KeyNotFoundException($"No DataStore '{dataStoreName}' in this workflow. Known: {string.Join(", ", stores.Keys)}.");

        public void Retain() => inner.Retain();

        public async ValueTask DisposeAsync()
        {
            foreach (var store in stores.Values.OfType<IDisposable>())
            {
                store.Dispose();
            }

            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }

            await inner.DisposeAsync();
        }
    }
}

using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// The computes and storages a build offers, by name, each as a factory. Core registers the storages at real
/// endpoints ("workflow", "endpoint") and announces the computes other assemblies provide ("github", "faasr"), so that
/// choosing one that is not registered fails naming it; assemblies add theirs (FaaSr.Testing.Local: "local" storage,
/// "emulated" compute), and a test may add its own.
/// </summary>
public sealed class BackendCatalog
{
    private readonly Dictionary<string, Func<BackendContext, IWorkflowCompute>> computes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<BackendContext, IWorkflowStorage>> storages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> announcedComputes = new(StringComparer.Ordinal);

    /// <summary>A catalog with core's storages and the announced computes.</summary>
    public static BackendCatalog WithCoreBackends() => new BackendCatalog()
        .AddStorage(EndpointStorage.WorkflowName, context => new EndpointStorage(context.Settings))
        .AddStorage(EndpointStorage.EndpointName, context => new EndpointStorage(
            context.Settings,
            context.S3Endpoint ?? throw new SettingsException($"Storage '{EndpointStorage.EndpointName}' needs an endpoint: give --s3-endpoint URL.")))
        .Announce(ComputeNames.GitHub, "GitHub Actions")
        .Announce(ComputeNames.FaaSr, "the real FaaSr-Backend run on this machine");

    public IReadOnlyCollection<string> ComputeNamesKnown => computes.Keys.Concat(announcedComputes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public IReadOnlyCollection<string> StorageNamesKnown => storages.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Registers (or replaces) the compute called <paramref name="name"/>.</summary>
    public BackendCatalog AddCompute(string name, Func<BackendContext, IWorkflowCompute> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        computes[name] = create ?? throw new ArgumentNullException(nameof(create));
        return this;
    }

    /// <summary>Registers (or replaces) the storage called <paramref name="name"/>.</summary>
    public BackendCatalog AddStorage(string name, Func<BackendContext, IWorkflowStorage> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        storages[name] = create ?? throw new ArgumentNullException(nameof(create));
        return this;
    }

    /// <summary>Makes a compute known by name before its assembly registers it, so choosing it says it is not available.</summary>
    public BackendCatalog Announce(string name, string whatItIs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        announcedComputes[name] = whatItIs;
        return this;
    }

    /// <exception cref="SettingsException">No compute has that name.</exception>
    /// <exception cref="BackendUnavailableException">The compute is announced but not registered in this build.</exception>
    public IWorkflowCompute CreateCompute(string name, BackendContext context)
    {
        if (computes.TryGetValue(name, out var create))
        {
            return create(context);
        }

        if (announcedComputes.TryGetValue(name, out var whatItIs))
        {
            var available = computes.Keys.Order(StringComparer.Ordinal).ToArray();
            throw new BackendUnavailableException(
                $"Compute '{name}' ({whatItIs}) is not available in this build: no '{name}' compute is registered."
                + (available.Length > 0 ? $" Available: {string.Join(", ", available)} (e.g. --compute {available[0]})." : string.Empty));
        }

        throw new SettingsException($"Unknown compute '{name}' (from --compute or {ComputeNames.Variable}); known: {string.Join(", ", ComputeNamesKnown)}.");
    }

    /// <exception cref="SettingsException">No storage has that name, or it needs a setting that is missing.</exception>
    public IWorkflowStorage CreateStorage(string name, BackendContext context) =>
        storages.TryGetValue(name, out var create)
            ? create(context)
            : throw new SettingsException($"Unknown storage '{name}' (from --storage or {StorageNames.Variable}); known: {string.Join(", ", StorageNamesKnown)}.");
}

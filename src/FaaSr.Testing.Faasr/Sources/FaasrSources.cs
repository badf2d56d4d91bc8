namespace FaaSr.Testing.Faasr.Sources;

/// <summary>
/// The FaaSr code a faasr run executes: the backend, FaaSr-Docker's entry and, when there is one, FaaSr-workflow's
/// scripts. <see cref="All"/> is what a run record's sources show.
/// </summary>
public sealed record FaasrSources(FaasrSource Backend, FaasrSource Entry, FaasrSource? WorkflowTools)
{
    public IReadOnlyList<FaasrSource> All => WorkflowTools is null ? [Backend, Entry] : [Backend, Entry, WorkflowTools];

    /// <summary>Resolves every source (cloning into the cache where needed) and checks each holds its files.</summary>
    /// <exception cref="FaasrSourceException">A source is missing, not what its option needs, or cannot be cloned.</exception>
    public static async Task<FaasrSources> ResolveAsync(FaasrSourceOptions options, TimeProvider clock, Action<string> notes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseDirectory = options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var cache = new FaasrSourceCache(options.CacheRoot ?? FaasrSourceCache.DefaultRoot(null), clock);
        var backend = await cache.ResolveAsync(FaasrSourceRole.Backend, Spec(FaasrSourceRole.Backend, options.Backend, baseDirectory),
            notes, cancellationToken);
        var entry = await cache.ResolveAsync(FaasrSourceRole.Entry, Spec(FaasrSourceRole.Entry, options.Entry, baseDirectory), notes,
            cancellationToken);
        FaasrSource? tools = null;
        if (options.WorkflowTools is { } given)
        {
            tools = await cache.ResolveAsync(FaasrSourceRole.WorkflowTools, FaasrSourceSpec.Parse(given, baseDirectory), notes,
                cancellationToken);
        }
        else if (options.DefaultWorkflowTools is { } subtree
            && FaasrSourceRole.WorkflowTools.RequiredFiles.All(f => File.Exists(Path.Combine(subtree, f))))
        {
            tools = await cache.ResolveAsync(FaasrSourceRole.WorkflowTools, FaasrSourceSpec.Parse(subtree, baseDirectory), notes,
                cancellationToken);
        }

        return new FaasrSources(backend, entry, tools);
    }

    private static FaasrSourceSpec Spec(FaasrSourceRole role, string? given, string baseDirectory) =>
        given is null
            ? throw new FaasrSourceException(
                $"The faasr compute runs your {role.Project}: name it with {role.Option} FOLDER|GIT-URL[@REF] (or {role.Variable}).")
            : FaasrSourceSpec.Parse(given, baseDirectory);
}

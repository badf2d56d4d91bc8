using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Faasr.Sources;

/// <summary>
/// The three sources as the user named them (--backend, --entry, --workflow-tools, else FAASR_IT_BACKEND,
/// FAASR_IT_ENTRY, FAASR_IT_WORKFLOW_TOOLS): each a folder or a git URL with @ref. Without a FaaSr-workflow source the
/// repository's faasr_workflow/ subtree is used when it holds the scripts; with none at all, the compute sends the entry
/// action's dispatch itself and gives each action the job environment the emulated compute derives.
/// </summary>
public sealed record FaasrSourceOptions
{
    public string? Backend { get; init; }

    public string? Entry { get; init; }

    public string? WorkflowTools { get; init; }

    /// <summary>Relative paths are taken from here (the current directory when null).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The subtree folder used when no FaaSr-workflow source is named (the repository's faasr_workflow/).</summary>
    public string? DefaultWorkflowTools { get; init; }

    /// <summary>The per-user clone cache; null: <see cref="FaasrSourceCache.DefaultRoot"/>.</summary>
    public string? CacheRoot { get; init; }

    /// <summary>These options with every missing value taken from the settings (process environment, then .env).</summary>
    public FaasrSourceOptions WithDefaultsFrom(SettingSources settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return this with
        {
            Backend = Blank(Backend) ?? Blank(settings.Get(FaasrSourceRole.Backend.Variable)),
            Entry = Blank(Entry) ?? Blank(settings.Get(FaasrSourceRole.Entry.Variable)),
            WorkflowTools = Blank(WorkflowTools) ?? Blank(settings.Get(FaasrSourceRole.WorkflowTools.Variable)),
            CacheRoot = Blank(CacheRoot) ?? Blank(settings.Get(FaasrSourceCache.CacheVariable)),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using System.Text;
using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>A FaaSr 2.0 workflow file as written (docs/faasr-semantics.md, "Workflow file"). Actions keep their file order.</summary>
public sealed record WorkflowDocument
{
    public required string WorkflowName { get; init; }

    /// <summary>The entry action named in the file.</summary>
    public required string FunctionInvoke { get; init; }

    public required string DefaultDataStore { get; init; }

    /// <summary>Store for logs, .done, candidate and lock files; null means <see cref="DefaultDataStore"/>.</summary>
    public string? LoggingDataStore { get; init; }

    /// <summary>Top-level log folder; null or empty means "FaaSrLog".</summary>
    public string? FaaSrLog { get; init; }

    public string? InvocationId { get; init; }

    public string? InvocationIdFromDate { get; init; }

    public string? InvocationTimestamp { get; init; }

    /// <summary>Set by FaaSr at run time for a ranked instance; a workflow file normally leaves it out.</summary>
    public int? FunctionRank { get; init; }

    /// <summary>In the schema but unused by FaaSr's Python backend.</summary>
    public bool? RerunOnMatchedInvocationId { get; init; }

    public required IReadOnlyList<ActionDefinition> Actions { get; init; }

    public required IReadOnlyDictionary<string, ComputeServer> ComputeServers { get; init; }

    public required IReadOnlyDictionary<string, DataStore> DataStores { get; init; }

    public IReadOnlyDictionary<string, string> ActionContainers { get; init; } = new Dictionary<string, string>();

    /// <summary>Keyed by FunctionName: one or more "owner/repo[/subdir]" or URLs.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FunctionGitRepo { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> FunctionLocalFile { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> PyPIPackageDownloads { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> FunctionCRANPackage { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> FunctionGitHubPackage { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>In the schema but unused by FaaSr's Python backend.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PythonPackageGitHub { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>In the schema but unused by FaaSr's Python backend.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PythonCondaPackage { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Names of user secrets exported into every action's environment.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    public JsonObject? VMConfig { get; init; }

    /// <summary>The whole file as parsed, for keys this model does not type (extra top-level keys are tolerated).</summary>
    public JsonObject Raw { get; init; } = new();

    public string EffectiveLoggingDataStore => string.IsNullOrEmpty(LoggingDataStore) ? DefaultDataStore : LoggingDataStore;

    public string EffectiveFaaSrLog => string.IsNullOrEmpty(FaaSrLog) ? "FaaSrLog" : FaaSrLog;

    public ActionDefinition? FindAction(string name) => Actions.FirstOrDefault(a => a.Name == name);

    /// <summary>Servers, stores and the raw file may hold credentials, so only identifying fields are printed.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"WorkflowName = {WorkflowName}, FunctionInvoke = {FunctionInvoke}, Actions = " +
            $"[{string.Join(", ", Actions.Select(a => a.Name))}]");
        return true;
    }
}

using System.Text.Json.Nodes;

namespace FaaSr.Testing.Local.Execution;

/// <summary>What a runtime needs to run one instance's function in its own process.</summary>
internal sealed record FunctionLaunch(
    string FunctionName,
    JsonObject Arguments,
    FunctionSource Source,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan? TimeLimit)
{
    /// <summary>The instance's copy of its code laid out as FaaSr downloads it (see <see cref="FunctionDownload"/>).</summary>
    public string? DownloadRoot { get; init; }

    /// <summary>The instance's pip target, FaaSr's /tmp/packages; null when the action installs no packages.</summary>
    public string? PackagesFolder { get; init; }

    // The environment holds secrets: keep it out of ToString().
    public override string ToString() => $"{FunctionName} in {WorkingDirectory}";
}

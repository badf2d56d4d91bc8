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
    /// <summary>
    /// How a function process ends when it ran out of its <see cref="MaxMemoryMegabytes"/> (128 + SIGKILL, as a container
    /// killed for memory; faasr_local_entry.py's OUT_OF_MEMORY_EXIT_CODE).
    /// </summary>
    public const int OutOfMemoryExitCode = 137;

    /// <summary>How the fork server reports a child killed with SIGKILL (Python's waitstatus_to_exitcode), e.g. by the kernel for memory.</summary>
    public const int KilledExitCode = -9;

    /// <summary>The action's MaxMemory: the function process's memory is capped at it where the runtime can; null for no cap.</summary>
    public int? MaxMemoryMegabytes { get; init; }

    /// <summary>The instance's copy of its code laid out as FaaSr downloads it (see <see cref="FunctionDownload"/>).</summary>
    public string? DownloadRoot { get; init; }

    /// <summary>The instance's pip target, FaaSr's /tmp/packages; null when the action installs no packages.</summary>
    public string? PackagesFolder { get; init; }

    // The environment holds secrets: keep it out of ToString().
    public override string ToString() => $"{FunctionName} in {WorkingDirectory}";
}

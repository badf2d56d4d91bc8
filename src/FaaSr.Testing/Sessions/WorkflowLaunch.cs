using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>What to launch and how to watch it.</summary>
public sealed record WorkflowLaunch
{
    public required WorkflowGraph Graph { get; init; }

    /// <summary>The folder FunctionGitRepo paths are resolved under (the repository root, or its functions/ folder).</summary>
    public required string FunctionsRoot { get; init; }

    public MonitorOptions Monitor { get; init; } = new();

    /// <summary>
    /// Values for the workflow's declared Secrets (and other variables functions may see), taking precedence over the
    /// process environment and .env. Never printed.
    /// </summary>
    public IReadOnlyDictionary<string, string> FunctionEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Runs once storage is ready and the invocation is known, before any function starts: stage input objects,
    /// subscribe to the monitor's events. An exception here ends the launch.
    /// </summary>
    public Func<IWorkflowSession, CancellationToken, Task>? BeforeStart { get; init; }

    /// <summary>
    /// Runs when the launch fails once storage is ready (in <see cref="BeforeStart"/> or while the functions start),
    /// before storage is stopped: remove what <see cref="BeforeStart"/> wrote. Not run when the launch succeeds.
    /// </summary>
    public Func<IWorkflowSession, Task>? AfterFailedStart { get; init; }
}

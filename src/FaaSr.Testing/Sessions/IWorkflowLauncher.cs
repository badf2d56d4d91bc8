namespace FaaSr.Testing.Sessions;

/// <summary>
/// Starts what a profile needs (storage, compute), launches one invocation of a workflow and starts monitoring it.
/// The one composition the CLI and the MSTest tester share.
/// </summary>
public interface IWorkflowLauncher
{
    /// <summary>The profile name: "local" or "cloud".</summary>
    string Profile { get; }

    /// <summary>One line on where storage and compute are for this profile.</summary>
    string Description { get; }

    /// <summary>
    /// Decides the invocation, prepares storage, runs <see cref="WorkflowLaunch.BeforeStart"/>, then starts the
    /// functions and the monitor. When anything fails, <see cref="WorkflowLaunch.AfterFailedStart"/> runs (once
    /// storage was ready) and everything started so far is stopped before the exception leaves.
    /// </summary>
    Task<IWorkflowSession> LaunchAsync(WorkflowLaunch launch, CancellationToken cancellationToken);
}

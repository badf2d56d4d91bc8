using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// One invocation started by an <see cref="IWorkflowCompute"/>. Disposing stops it: every function still running is
/// stopped and waited for (on a remote compute: cancelled as far as it can be).
/// </summary>
public interface IComputeRun : IAsyncDisposable
{
    /// <summary>
    /// Ends when the compute has nothing more to run for this invocation; faults when the compute itself broke (not
    /// when a function failed: that is seen in the storage). Cancelled when the run was stopped.
    /// </summary>
    Task Completion { get; }

    /// <summary>A page where a person can follow the instance (an Actions run); null when the compute has none.</summary>
    string? RunUrlOf(string instanceName) => null;

    /// <summary>A page for the whole invocation; null when the compute has none.</summary>
    string? RunUrl => null;

    /// <summary>
    /// The FaaSr code this run uses (FaaSr-Backend, FaaSr-workflow, ...: name, location, commit), for the run record;
    /// empty when the compute runs none of FaaSr's own code.
    /// </summary>
    IReadOnlyList<RunRecordSource> Sources => [];
}

namespace FaaSr.Testing.Sessions;

/// <summary>
/// What runs a workflow's functions: "emulated" (the local executor), and next "faasr" (the real FaaSr-Backend run
/// locally) and "github" (GitHub Actions). A compute only has to run the invocation it is given and write FaaSr's
/// objects (logs, .done files) to the storage; the session watches them there, as it would a cloud run.
/// </summary>
public interface IWorkflowCompute
{
    /// <summary>The name a profile, --compute or the run record uses.</summary>
    string Name { get; }

    /// <summary>One line on where the functions run.</summary>
    string Description { get; }

    /// <summary>
    /// Starts the entry action of the invocation in <paramref name="start"/> and returns once it is started. The
    /// monitor is already watching. An exception means nothing is left running.
    /// </summary>
    Task<IComputeRun> StartAsync(ComputeStart start, CancellationToken cancellationToken);
}

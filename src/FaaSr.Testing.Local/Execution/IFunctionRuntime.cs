using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>Runs a function of one language as a process that talks to the run's RPC server.</summary>
internal interface IFunctionRuntime
{
    FunctionLanguage Language { get; }

    /// <summary>Why functions of this language cannot run on this machine; null when they can.</summary>
    string? UnavailableReason { get; }

    /// <exception cref="OperationCanceledException">Cancelled; the process tree was killed first.</exception>
    Task<ProcessExit> RunAsync(FunctionLaunch launch, CancellationToken cancellationToken);
}

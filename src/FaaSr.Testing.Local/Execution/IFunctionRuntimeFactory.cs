using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// One function language, as the local executor knows it: how its interpreter is found on this machine (once per
/// executor, however many runs) and how its runtime is set up in a run's folder. A language is added by registering
/// one factory in <see cref="FunctionRuntimeRegistry"/>; its client stubs must pass the RPC conformance test
/// (docs/rpc-protocol.md).
/// </summary>
internal interface IFunctionRuntimeFactory
{
    FunctionLanguage Language { get; }

    /// <summary>
    /// False for a language the local executor never runs (Julia): its actions get no code looked up and fail with
    /// the reason, as a cloud action fails whose container lacks the language.
    /// </summary>
    bool RunsLocally { get; }

    /// <summary>
    /// True when a workflow with actions of this language cannot start without its interpreter (Python: FaaSr's own
    /// entry and the package installer run on it); false when only the actions of the language fail.
    /// </summary>
    bool RequiredToStart { get; }

    /// <summary>Why functions of this language cannot run on this machine (the line they fail with); null when they can.</summary>
    Task<string?> UnavailableReasonAsync(CancellationToken cancellationToken);

    /// <summary>Sets the runtime up for one run; call only when <see cref="UnavailableReasonAsync"/> gave null.</summary>
    Task<IFunctionRuntime> CreateAsync(FunctionRuntimeSetup setup, CancellationToken cancellationToken);
}

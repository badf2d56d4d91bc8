using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>A language the local executor never runs: each of its actions fails with <paramref name="reason"/>.</summary>
internal sealed class UnavailableRuntimeFactory(FunctionLanguage language, string reason) : IFunctionRuntimeFactory
{
    public FunctionLanguage Language { get; } = language;

    public bool RunsLocally => false;

    public bool RequiredToStart => false;

    public Task<string?> UnavailableReasonAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(reason);

    public Task<IFunctionRuntime> CreateAsync(FunctionRuntimeSetup setup, CancellationToken cancellationToken) =>
        Task.FromResult<IFunctionRuntime>(new UnavailableRuntime(Language, reason));
}

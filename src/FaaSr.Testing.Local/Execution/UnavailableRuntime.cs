using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>A language this machine cannot run locally: its instances fail with <see cref="UnavailableReason"/>.</summary>
internal sealed class UnavailableRuntime(FunctionLanguage language, string reason) : IFunctionRuntime
{
    public FunctionLanguage Language { get; } = language;

    public string? UnavailableReason { get; } = reason;

    public Task<ProcessExit> RunAsync(FunctionLaunch launch, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{Language} functions cannot run here: {UnavailableReason}");
}

using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>R functions: the Rscript of <paramref name="command"/> (Rscript on PATH by default) with jsonlite.</summary>
internal sealed class RRuntimeFactory(string? command, TimeProvider clock) : IFunctionRuntimeFactory
{
    private readonly ResolvedOnce<RInterpreter> interpreter = new(token => RInterpreter.ResolveAsync(command, token));

    public FunctionLanguage Language => FunctionLanguage.R;

    public bool RunsLocally => true;

    public bool RequiredToStart => false;

    public async Task<string?> UnavailableReasonAsync(CancellationToken cancellationToken)
    {
        try
        {
            await interpreter.GetAsync(cancellationToken);
            return null;
        }
        catch (ExecutionEnvironmentException e)
        {
            return RRuntime.UnavailablePrefix + e.Message;
        }
    }

    public async Task<IFunctionRuntime> CreateAsync(FunctionRuntimeSetup setup, CancellationToken cancellationToken) =>
        await RRuntime.CreateAsync(await interpreter.GetAsync(cancellationToken), setup.RunFolder, clock, cancellationToken);
}

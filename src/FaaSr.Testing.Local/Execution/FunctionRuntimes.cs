using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>The runtime for each function language in one run.</summary>
internal sealed class FunctionRuntimes(IFunctionRuntime python, IFunctionRuntime r) : IAsyncDisposable
{
    public const string JuliaUnavailable = "Julia runtime for local execution is not available: the local executor runs Python and R functions.";

    private readonly IFunctionRuntime julia = new UnavailableRuntime(FunctionLanguage.Julia, JuliaUnavailable);

    public IFunctionRuntime For(FunctionLanguage language) => language switch
    {
        FunctionLanguage.Python => python,
        FunctionLanguage.R => r,
        FunctionLanguage.Julia => julia,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown function language."),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in new[] { python, r })
        {
            if (runtime is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}

using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>The runtime for each function language in one run.</summary>
internal sealed class FunctionRuntimes(IFunctionRuntime python) : IAsyncDisposable
{
    private readonly IFunctionRuntime r = new UnavailableRuntime(FunctionLanguage.R, RUnavailableReason());
    private readonly IFunctionRuntime julia = new UnavailableRuntime(
        FunctionLanguage.Julia, "Julia runtime for local execution is not available: the local executor runs Python functions.");

    public IFunctionRuntime For(FunctionLanguage language) => language switch
    {
        FunctionLanguage.Python => python,
        FunctionLanguage.R => r,
        FunctionLanguage.Julia => julia,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown function language."),
    };

    public async ValueTask DisposeAsync()
    {
        if (python is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private static string RUnavailableReason()
    {
        var rscript = FindOnPath(OperatingSystem.IsWindows() ? "Rscript.exe" : "Rscript");
        return rscript is null
            ? "R runtime for local execution is not available: R is not installed (no Rscript on PATH)."
            : $"R runtime for local execution is not available: the local executor has no R entry yet (found {rscript}).";
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}

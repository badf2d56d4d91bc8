using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Whether this machine can run a workflow's actions locally, asked the way the executor asks before a run: python3
/// for Python actions, Rscript with jsonlite for R actions; Julia actions never run locally. Each language is probed
/// once per check, however many workflows are checked, through the same
/// runtime registry the executor uses.
/// </summary>
/// <param name="pythonCommand">As <see cref="LocalExecutorOptions.PythonInterpreter"/>.</param>
/// <param name="rscriptCommand">As <see cref="LocalExecutorOptions.RscriptCommand"/>.</param>
public sealed class LocalLanguageCheck(string? pythonCommand = null, string? rscriptCommand = null)
{
    private readonly FunctionRuntimeRegistry registry = FunctionRuntimeRegistry.Default(pythonCommand, rscriptCommand, usePythonForkServer: false, TimeProvider.System);

    /// <summary>Every language of the workflow that cannot run here, with the actions that use it and why.</summary>
    public async Task<IReadOnlyList<LocalLanguageGap>> CheckAsync(WorkflowDocument document, CancellationToken cancellationToken)
    {
        var gaps = new List<LocalLanguageGap>();
        foreach (var language in document.Actions.GroupBy(a => a.Type ?? FunctionLanguage.Python).OrderBy(g => g.Key))
        {
            if (await UnavailableReasonAsync(language.Key, cancellationToken) is { } reason)
            {
                gaps.Add(new LocalLanguageGap(language.Key, language.Select(a => a.Name).ToArray(), reason));
            }
        }

        return gaps;
    }

    /// <summary>Why functions of the language cannot run on this machine; null when they can.</summary>
    public Task<string?> UnavailableReasonAsync(FunctionLanguage language, CancellationToken cancellationToken) =>
        registry.For(language).UnavailableReasonAsync(cancellationToken);
}

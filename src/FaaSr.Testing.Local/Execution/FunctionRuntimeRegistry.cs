using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The function languages of the local executor, one <see cref="IFunctionRuntimeFactory"/> each: Python and R run
/// here, Julia never does. The executor and <see cref="LocalLanguageCheck"/> ask the same registry, so a warning of
/// `validate --local` and the failure of a run say the same thing.
/// </summary>
internal sealed class FunctionRuntimeRegistry
{
    public const string JuliaUnavailable = "Julia runtime for local execution is not available: the local executor runs Python and R functions.";

    private readonly Dictionary<FunctionLanguage, IFunctionRuntimeFactory> factories = [];

    public FunctionRuntimeRegistry(IEnumerable<IFunctionRuntimeFactory> factories)
    {
        foreach (var factory in factories)
        {
            if (!this.factories.TryAdd(factory.Language, factory))
            {
                throw new ArgumentException($"Two runtimes are registered for {factory.Language}.", nameof(factories));
            }
        }
    }

    /// <param name="pythonCommand">As <see cref="LocalExecutorOptions.PythonInterpreter"/>.</param>
    /// <param name="rscriptCommand">As <see cref="LocalExecutorOptions.RscriptCommand"/>.</param>
    public static FunctionRuntimeRegistry Default(string? pythonCommand, string? rscriptCommand, bool usePythonForkServer, TimeProvider clock) => new(
    [
        new PythonRuntimeFactory(pythonCommand, usePythonForkServer, clock),
        new RRuntimeFactory(rscriptCommand, clock),
        new UnavailableRuntimeFactory(FunctionLanguage.Julia, JuliaUnavailable),
    ]);

    public IReadOnlyCollection<FunctionLanguage> Languages => factories.Keys;

    public IFunctionRuntimeFactory For(FunctionLanguage language) =>
        factories.TryGetValue(language, out var factory)
            ? factory
            : throw new ArgumentOutOfRangeException(nameof(language), language, "No runtime is registered for this language.");
}

using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>The runtime of each function language of one run, set up from a <see cref="FunctionRuntimeRegistry"/>.</summary>
internal sealed class FunctionRuntimes : IAsyncDisposable
{
    private readonly Dictionary<FunctionLanguage, IFunctionRuntime> runtimes = [];

    public FunctionRuntimes(params IEnumerable<IFunctionRuntime> runtimes)
    {
        foreach (var runtime in runtimes)
        {
            this.runtimes.Add(runtime.Language, runtime);
        }
    }

    /// <summary>
    /// Sets up the runtime of each of <paramref name="languages"/>: a language this machine cannot run gets its
    /// reason (its actions fail with it), unless the run cannot start without it (then nothing is left set up).
    /// </summary>
    /// <exception cref="ExecutionEnvironmentException">A language the run cannot start without is missing.</exception>
    public static async Task<FunctionRuntimes> CreateAsync(FunctionRuntimeRegistry registry, IEnumerable<FunctionLanguage> languages, FunctionRuntimeSetup setup, CancellationToken cancellationToken)
    {
        var created = new List<IFunctionRuntime>();
        try
        {
            foreach (var language in languages.Distinct().Order())
            {
                var factory = registry.For(language);
                if (await factory.UnavailableReasonAsync(cancellationToken) is { } reason)
                {
                    if (factory.RequiredToStart)
                    {
                        throw new ExecutionEnvironmentException(reason);
                    }

                    created.Add(new UnavailableRuntime(language, reason));
                }
                else
                {
                    created.Add(await factory.CreateAsync(setup, cancellationToken));
                }
            }

            return new FunctionRuntimes(created);
        }
        catch
        {
            await new FunctionRuntimes(created).DisposeAsync();
            throw;
        }
    }

    public IFunctionRuntime For(FunctionLanguage language) =>
        runtimes.TryGetValue(language, out var runtime)
            ? runtime
            : throw new InvalidOperationException($"No {language} runtime was set up for this run.");

    /// <summary>The Python interpreter of this run's Python runtime (the package installer uses it); null without one.</summary>
    public PythonInterpreter? PythonInterpreter => runtimes.GetValueOrDefault(FunctionLanguage.Python) is PythonRuntime python ? python.Interpreter : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in runtimes.Values)
        {
            if (runtime is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}

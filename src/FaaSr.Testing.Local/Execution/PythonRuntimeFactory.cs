using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>Python functions: the interpreter of <paramref name="command"/> (python3 on PATH by default).</summary>
internal sealed class PythonRuntimeFactory(string? command, bool useForkServer, TimeProvider clock) : IFunctionRuntimeFactory
{
    private readonly ResolvedOnce<PythonInterpreter> interpreter = new(token => PythonInterpreter.ResolveAsync(command, token));

    public FunctionLanguage Language => FunctionLanguage.Python;

    public bool RunsLocally => true;

    public bool RequiredToStart => true;

    /// <exception cref="ExecutionEnvironmentException">No usable Python interpreter; the message says why.</exception>
    public Task<PythonInterpreter> InterpreterAsync(CancellationToken cancellationToken) => interpreter.GetAsync(cancellationToken);

    public async Task<string?> UnavailableReasonAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InterpreterAsync(cancellationToken);
            return null;
        }
        catch (ExecutionEnvironmentException e)
        {
            return e.Message;
        }
    }

    public async Task<IFunctionRuntime> CreateAsync(FunctionRuntimeSetup setup, CancellationToken cancellationToken) =>
        await PythonRuntime.CreateAsync(await InterpreterAsync(cancellationToken), setup.RunFolder, useForkServer, clock, cancellationToken);
}

using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>
/// The "emulated" compute: the <see cref="LocalExecutor"/> runs every function instance as a process on this machine,
/// with FaaSr's semantics, writing FaaSr's objects to the session's storage.
/// </summary>
public sealed class EmulatedCompute(EmulatedComputeOptions? options = null) : IWorkflowCompute
{
    private readonly EmulatedComputeOptions options = options ?? new EmulatedComputeOptions();

    public string Name => ComputeNames.Emulated;

    public string Description => "functions run on this machine through the local executor";

    public async Task<IComputeRun> StartAsync(ComputeStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var executor = new LocalExecutor(new LocalExecutorOptions
        {
            FunctionsRoot = start.FunctionsRoot,
            Stores = start.Storage.StoreFor,
            StoreEndpoints = start.Storage.FunctionEndpoints,
            FunctionEnvironment = start.FunctionEnvironment,
            MaxParallelism = options.MaxParallelism,
            PythonInterpreter = options.PythonInterpreter,
            DispatchDelay = options.DispatchDelay,
            Pip = options.Pip,
            Clock = options.Clock,
        });
        return new EmulatedRun(await executor.StartAsync(start.Graph, cancellationToken));
    }

    private sealed class EmulatedRun(LocalRun run) : IComputeRun
    {
        public Task Completion => run.Completion;

        public ValueTask DisposeAsync() => run.DisposeAsync();
    }
}

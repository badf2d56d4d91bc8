using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>
/// A session whose functions run on this machine through the <see cref="LocalExecutor"/>; its storage depends on the
/// profile. If the executor itself breaks, monitoring stops and <see cref="Monitoring"/> faults with the reason.
/// </summary>
internal sealed class LocalComputeSession : IWorkflowSession
{
    private readonly ISessionStorage storage;
    private readonly TaskCompletionSource<MonitorResult> monitoring = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopMonitoring = new();
    private Task? monitorLoop;
    private Task? executorWatch;
    private LocalRun? run;
    private int stopped;
    private int disposed;

    public LocalComputeSession(string profile, WorkflowGraph graph, InvocationFolder folder, ISessionStorage storage, MonitorOptions monitorOptions)
    {
        Profile = profile;
        Graph = graph;
        Folder = folder;
        this.storage = storage;
        Monitor = new WorkflowMonitor(graph, folder, storage.StoreFor(graph.Document.EffectiveLoggingDataStore), monitorOptions);
    }

    public string Profile { get; }

    public WorkflowGraph Graph { get; }

    public InvocationFolder Folder { get; }

    public string InvocationId => Folder.InvocationId;

    public WorkflowMonitor Monitor { get; }

    public Task<MonitorResult> Monitoring => monitoring.Task;

    public string StorageDescription => storage.Description;

    public IObjectStore StoreFor(string dataStoreName) => storage.StoreFor(dataStoreName);

    /// <summary>Starts the monitor, then the entry action.</summary>
    public async Task StartAsync(LocalExecutor executor, CancellationToken cancellationToken)
    {
        monitorLoop = WatchAsync();
        run = await executor.StartAsync(Graph, cancellationToken);
        executorWatch = StopMonitoringWhenTheExecutorBreaksAsync(run);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        await stopMonitoring.CancelAsync();
        if (monitorLoop is not null)
        {
            await monitorLoop;
        }

        monitoring.TrySetCanceled();
        try
        {
            if (run is not null)
            {
                await run.DisposeAsync();
            }
        }
        finally
        {
            if (executorWatch is not null)
            {
                await executorWatch;
            }
        }
    }

    public void RetainStorage() => storage.Retain();

    /// <summary>Stops monitoring, the function processes and the storage, in that order, even when one of them fails.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        var failures = new List<Exception>();
        await Collect(StopAsync, failures);
        await Collect(async () => await storage.DisposeAsync(), failures);
        stopMonitoring.Dispose();
        if (failures.Count > 0)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException($"Stopping the session of {Folder.Prefix} failed.", failures);
        }
    }

    private async Task WatchAsync()
    {
        try
        {
            monitoring.TrySetResult(await Monitor.RunAsync(stopMonitoring.Token));
        }
        catch (Exception exception)
        {
            monitoring.TrySetException(exception);
        }
    }

    private async Task StopMonitoringWhenTheExecutorBreaksAsync(LocalRun started)
    {
        try
        {
            await started.Completion;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
        catch (Exception exception)
        {
            monitoring.TrySetException(new InvalidOperationException($"The local executor stopped running {Graph.WorkflowName} ({InvocationId}): {exception.Message}", exception));
            await stopMonitoring.CancelAsync();
        }
    }

    private static async Task Collect(Func<Task> step, List<Exception> failures)
    {
        try
        {
            await step();
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }
    }
}

using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// One invocation of a workflow on a storage and a compute: it owns the storage, the monitor and its loop, and the
/// compute's run. The monitor sees only what the compute wrote to the storage. If the compute itself breaks,
/// monitoring stops and <see cref="Monitoring"/> faults with the reason. Made by <see cref="WorkflowLauncher"/>.
/// </summary>
internal sealed class WorkflowSession : IWorkflowSession
{
    private readonly IRunStorage storage;
    private readonly TaskCompletionSource<MonitorResult> monitoring = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopMonitoring = new();
    private Task? monitorLoop;
    private Task? computeWatch;
    private IComputeRun? run;
    private int stopped;
    private int disposed;

    public WorkflowSession(string profile, string storageName, string computeName, WorkflowGraph graph, InvocationFolder folder, IRunStorage storage, MonitorOptions monitorOptions)
    {
        Profile = profile;
        StorageName = storageName;
        ComputeName = computeName;
        Graph = graph;
        Folder = folder;
        this.storage = storage;
        Monitor = new WorkflowMonitor(graph, folder, storage.StoreFor(graph.Document.EffectiveLoggingDataStore), monitorOptions);
    }

    public string Profile { get; }

    public string StorageName { get; }

    public string ComputeName { get; }

    public WorkflowGraph Graph { get; }

    public InvocationFolder Folder { get; }

    public string InvocationId => Folder.InvocationId;

    public WorkflowMonitor Monitor { get; }

    public Task<MonitorResult> Monitoring => monitoring.Task;

    public string StorageDescription => storage.Description;

    public IRunStorage Storage => storage;

    public IObjectStore StoreFor(string dataStoreName) => storage.StoreFor(dataStoreName);

    public string? RunUrlOf(string instanceName) => run?.RunUrlOf(instanceName);

    public string? RunUrl => run?.RunUrl;

    public IReadOnlyList<RunRecordSource> Sources => run?.Sources ?? [];

    /// <summary>Starts the monitor, then the compute's run of the entry action.</summary>
    public async Task StartAsync(IWorkflowCompute compute, ComputeStart start, CancellationToken cancellationToken)
    {
        monitorLoop = WatchAsync();
        run = await compute.StartAsync(start, cancellationToken);
        computeWatch = StopMonitoringWhenTheComputeBreaksAsync(run);
    }

    /// <summary>Starts the monitor alone, on an invocation some other compute runs or ran (<see cref="InvocationAttacher"/>).</summary>
    public void StartWatching() => monitorLoop = WatchAsync();

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
            if (computeWatch is not null)
            {
                await computeWatch;
            }
        }
    }

    public void RetainStorage() => storage.Retain();

    /// <summary>Stops monitoring, the compute's run and the storage, in that order, even when one of them fails.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        var failures = new List<Exception>();
        await Failures.CollectAsync(StopAsync, failures);
        await Failures.CollectAsync(async () => await storage.DisposeAsync(), failures);
        stopMonitoring.Dispose();
        Failures.ThrowIfAny(failures, $"Stopping the session of {Folder.Prefix} failed.");
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

    private async Task StopMonitoringWhenTheComputeBreaksAsync(IComputeRun started)
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
            monitoring.TrySetException(new InvalidOperationException($"The {ComputeName} compute stopped running {Graph.WorkflowName} ({InvocationId}): {exception.Message}", exception));
            await stopMonitoring.CancelAsync();
        }
    }
}

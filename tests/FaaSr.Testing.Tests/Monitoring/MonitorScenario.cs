using System.Collections.Concurrent;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>
/// One monitor on a fresh s3rver bucket, already running, with a writer that plays FaaSr's objects into the folder
/// and a request-counting view of what the monitor asked S3.
/// </summary>
internal sealed class MonitorScenario : IAsyncDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource stop;
    private readonly ConcurrentQueue<FunctionTransition> transitions = new();

    private MonitorScenario(WorkflowGraph graph, IObjectStore store, MonitorOptions options, CancellationToken testCancellation)
    {
        Graph = graph;
        Folder = graph.FolderFor("2025-11-20T14-03-11", Guid.NewGuid().ToString());
        Store = store;
        Requests = new RequestCountingObjectStore(store);
        Write = new FaaSrObjectWriter(store, graph, Folder);
        Monitor = new WorkflowMonitor(graph, Folder, Requests, options);
        Monitor.StatusChanged += (_, transition) => transitions.Enqueue(transition);
        stop = CancellationTokenSource.CreateLinkedTokenSource(testCancellation);
        Run = Monitor.RunAsync(stop.Token);
    }

    public WorkflowGraph Graph { get; }

    public InvocationFolder Folder { get; }

    public IObjectStore Store { get; }

    public RequestCountingObjectStore Requests { get; }

    public FaaSrObjectWriter Write { get; }

    public WorkflowMonitor Monitor { get; }

    public Task<MonitorResult> Run { get; }

    public IReadOnlyList<FunctionTransition> Transitions => transitions.ToArray();

    /// <summary>Test defaults: 50 ms polls, a 20 s inactivity timeout no passing test reaches.</summary>
    public static MonitorOptions FastOptions => new() { PollInterval = TimeSpan.FromMilliseconds(50), InactivityTimeout = TimeSpan.FromSeconds(20) };

    public static async Task<MonitorScenario> StartAsync(
        string bucketHint,
        Func<string, WorkflowGraph> workflow,
        CancellationToken cancellationToken,
        MonitorOptions? options = null)
    {
        var store = await SharedS3.NewBucketAsync(bucketHint, cancellationToken);
        return new MonitorScenario(workflow(store.Bucket), store, options ?? FastOptions, cancellationToken);
    }

    public FunctionStatus StatusOf(string instance) => Monitor.StateOf(instance).Status;

    /// <summary>Polls the monitor's state until <paramref name="status"/> is reached or the wait limit passes.</summary>
    public async Task WaitForStatusAsync(string instance, FunctionStatus status, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + WaitLimit;
        while (StatusOf(instance) != status)
        {
            if (DateTimeOffset.UtcNow > deadline || Run.IsCompleted)
            {
                Assert.Fail($"{instance} did not become {status.WireName}; states: {string.Join("; ", Monitor.Snapshot())}");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    public async Task<FunctionState> WaitForFinalAsync(string instance, CancellationToken cancellationToken) =>
        await Monitor.WaitForFinalAsync(instance, cancellationToken).WaitAsync(WaitLimit, cancellationToken);

    public async Task<MonitorResult> FinishAsync() => await Run.WaitAsync(WaitLimit);

    public async Task<MonitorResult> CancelAsync()
    {
        await stop.CancelAsync();
        return await FinishAsync();
    }

    public IReadOnlyList<ObjectStoreRequest> ReadsOf(string instance) =>
        Requests.Requests.Where(r => r.Operation == ObjectStoreOperation.Get && r.Key == Write.LogKey(instance)).ToArray();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Run.WaitAsync(WaitLimit);
        }
        catch (OperationCanceledException)
        {
            // The test itself was cancelled; the monitor was stopped with it.
        }

        stop.Dispose();
    }
}

using System.Collections.Concurrent;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>
/// One running monitor, a writer that plays FaaSr's objects into its invocation folder, and a request-counting view
/// of what the monitor asked its store. Two kinds:
/// <list type="bullet">
/// <item><see cref="StartOnFakeClockAsync"/>: an in-memory store and a fake clock that only the test moves, one poll
/// interval per step, waiting for the monitor to finish each cycle. What a cycle sees is exactly what the test wrote
/// before it, and every time the rules compare (settle times, deadlines, inactivity) is fake: these tests cannot
/// depend on the machine's speed. The status rules are tested this way.</item>
/// <item><see cref="StartAsync"/>: a fresh bucket on the real local S3 server and the real clock, for the few tests
/// of how the monitor talks to S3.</item>
/// </list>
/// </summary>
internal sealed class MonitorScenario : IAsyncDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource stop;
    private readonly ConcurrentQueue<FunctionTransition> transitions = new();
    private readonly FakeTimeProvider? clock;
    private readonly SemaphoreSlim cyclesEnded = new(0);
    private readonly MonitorOptions options;

    private MonitorScenario(WorkflowGraph graph, IObjectStore store, MonitorOptions options, FakeTimeProvider? clock, CancellationToken testCancellation)
    {
        this.clock = clock;
        this.options = clock is null ? options : options with { TimeProvider = clock };
        Graph = graph;
        Folder = graph.FolderFor("2025-11-20T14-03-11", Guid.NewGuid().ToString());
        Store = store;
        Requests = new RequestCountingObjectStore(store, clock);
        Write = new FaaSrObjectWriter(store, graph, Folder);
        Monitor = new WorkflowMonitor(graph, Folder, Requests, this.options);
        Monitor.StatusChanged += (_, transition) => transitions.Enqueue(transition);
        Monitor.CycleEnded += (_, _) => cyclesEnded.Release();
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

    /// <summary>On a fresh bucket of the shared local S3 server, on the real clock.</summary>
    public static async Task<MonitorScenario> StartAsync(
        string bucketHint,
        Func<string, WorkflowGraph> workflow,
        CancellationToken cancellationToken,
        MonitorOptions? options = null)
    {
        var store = await SharedS3.NewBucketAsync(bucketHint, cancellationToken);
        return new MonitorScenario(workflow(store.Bucket), store, options ?? FastOptions, null, cancellationToken);
    }

    /// <summary>On an in-memory bucket and a fake clock the test steps; returns once the monitor's first cycle ended.</summary>
    public static async Task<MonitorScenario> StartOnFakeClockAsync(
        Func<string, WorkflowGraph> workflow,
        CancellationToken cancellationToken,
        MonitorOptions? options = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 14, 3, 11, TimeSpan.Zero));
        var store = new InMemoryObjectStore("monitor-test", clock);
        var scenario = new MonitorScenario(workflow(store.Bucket), store, options ?? FastOptions, clock, cancellationToken);
        await scenario.CycleEndedAsync();
        return scenario;
    }

    public FunctionStatus StatusOf(string instance) => Monitor.StateOf(instance).Status;

    /// <summary>Until the monitor's state shows <paramref name="status"/>: cycle by cycle on a fake clock, else by polling.</summary>
    public async Task WaitForStatusAsync(string instance, FunctionStatus status, CancellationToken cancellationToken)
    {
        string Failure() => $"{instance} did not become {status.WireName}; states: {string.Join("; ", Monitor.Snapshot())}";
        if (clock is not null)
        {
            await StepUntilAsync(() => StatusOf(instance) == status, Failure);
            return;
        }

        var deadline = DateTimeOffset.UtcNow + WaitLimit;
        while (StatusOf(instance) != status)
        {
            if (DateTimeOffset.UtcNow > deadline || Run.IsCompleted)
            {
                Assert.Fail(Failure());
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    public async Task<FunctionState> WaitForFinalAsync(string instance, CancellationToken cancellationToken)
    {
        var final = Monitor.WaitForFinalAsync(instance, cancellationToken);
        if (clock is not null)
        {
            await StepUntilAsync(() => final.IsCompleted || Run.IsCompleted, () => $"{instance} did not become final; states: {string.Join("; ", Monitor.Snapshot())}");
        }

        return await final.WaitAsync(WaitLimit, cancellationToken);
    }

    public async Task<MonitorResult> FinishAsync()
    {
        if (clock is not null)
        {
            await StepUntilAsync(() => Run.IsCompleted, () => $"The run did not end; states: {string.Join("; ", Monitor.Snapshot())}");
        }

        return await Run.WaitAsync(WaitLimit);
    }

    /// <summary>Lets <paramref name="duration"/> pass: poll intervals of fake time on a fake clock, else real time.</summary>
    public async Task ElapseAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (clock is null)
        {
            await Task.Delay(duration, cancellationToken);
            return;
        }

        for (var elapsed = TimeSpan.Zero; elapsed < duration && !Run.IsCompleted; elapsed += options.PollInterval)
        {
            await StepAsync();
        }
    }

    public async Task<MonitorResult> CancelAsync()
    {
        await stop.CancelAsync();
        return await Run.WaitAsync(WaitLimit);
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
        cyclesEnded.Dispose();
    }

    /// <summary>
    /// Steps until <paramref name="condition"/> holds, for at most twice the inactivity timeout of fake
    /// time: past it the monitor has ended the run anyway.
    /// </summary>
    private async Task StepUntilAsync(Func<bool> condition, Func<string> failure)
    {
        var budget = (options.InactivityTimeout * 2) + options.PollInterval;
        for (var elapsed = TimeSpan.Zero; !condition(); elapsed += options.PollInterval)
        {
            if (Run.IsCompleted || elapsed > budget)
            {
                Assert.Fail(failure());
            }

            await StepAsync();
        }
    }

    /// <summary>One poll interval of fake time: the monitor runs exactly one cycle, and this returns when it ended (or the run did).</summary>
    private async Task StepAsync()
    {
        clock!.Advance(options.PollInterval);
        await CycleEndedAsync();
    }

    private async Task CycleEndedAsync()
    {
        var cycleEnded = cyclesEnded.WaitAsync(WaitLimit);
        if (await Task.WhenAny(cycleEnded, Run) == cycleEnded && !await cycleEnded)
        {
            Assert.Fail($"The monitor did not finish a cycle within {WaitLimit.TotalSeconds:0} s of real time.");
        }
    }
}

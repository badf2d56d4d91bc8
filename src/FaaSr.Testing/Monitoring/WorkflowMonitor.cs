using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Watches one invocation of a workflow through S3 alone, as a cloud run is seen: it never asks the executor.
/// Each cycle makes one paginated LIST of the invocation folder in the LoggingDataStore; log appearance, growth and
/// .done files come from that listing, and a log is read (from the last offset, never whole again) only when its
/// content is needed: at .done, once it stopped growing, after the instance finished, or always with
/// <see cref="MonitorOptions.LiveLogs"/>. The status rules are docs/faasr-semantics.md, "Status rules". The one thing
/// it takes from the compute is a failure S3 cannot show (<see cref="IComputeFailureSink"/>), applied after S3's evidence.
/// </summary>
public sealed class WorkflowMonitor : IComputeFailureSink
{
    private readonly Lock gate = new();
    private readonly WorkflowGraph graph;
    private readonly MonitorOptions options;
    private readonly TimeProvider clock;
    private readonly TimeSpan settleTime;
    private readonly SchedulerLineParser schedulerLines;
    private readonly List<InstanceTracker> trackers;
    private readonly Dictionary<string, InstanceTracker> trackersByName;
    private readonly IReadOnlyList<InstanceTracker> invocationOrder;
    private readonly LogFolderObserver folderObserver;
    private readonly RunEndingRules endingRules;
    private readonly FinalStateWaiters waiters;
    private readonly List<FunctionTransition> transitions = [];
    private readonly ComputeFailureReports computeFailures = new();
    private int runStarted;
    private int cycles;
    private DateTimeOffset startedAt;
    private bool started;
    private DateTimeOffset lastActivity;
    private MonitorResult? result;
    private Exception? fault;

    /// <param name="graph">The workflow being run.</param>
    /// <param name="folder">The invocation's log folder (known before the trigger).</param>
    /// <param name="loggingStore">The bucket of the workflow's LoggingDataStore, where FaaSr writes logs and .done files.</param>
    /// <param name="options">Polling and timeouts; defaults when null.</param>
    public WorkflowMonitor(WorkflowGraph graph, InvocationFolder folder, IObjectStore loggingStore, MonitorOptions? options = null)
    {
        this.graph = graph;
        Folder = folder;
        this.options = options ?? new MonitorOptions();
        this.options.Validate();

        if (folder.WorkflowName != graph.WorkflowName)
        {
            throw new ArgumentException($"The invocation folder '{folder.Prefix}' belongs to workflow '{folder.WorkflowName}', not '{graph.WorkflowName}'.", nameof(folder));
        }

        var loggingDataStore = graph.Document.EffectiveLoggingDataStore;
        if (loggingStore.Bucket != graph.LoggingStore.Bucket)
        {
            throw new ArgumentException(
                $"Workflow '{graph.WorkflowName}' logs to LoggingDataStore '{loggingDataStore}' (bucket '{graph.LoggingStore.Bucket}'), but the store given reads bucket '{loggingStore.Bucket}'.",
                nameof(loggingStore));
        }

        foreach (var name in this.options.Deadlines.Keys)
        {
            graph.Instance(name);
        }

        clock = this.options.TimeProvider;
        settleTime = this.options.EffectiveLogSettleTime;
        schedulerLines = new SchedulerLineParser(graph.WorkflowName, graph.Actions.Select(a => a.Name));
        trackers = graph.Instances.Select(i => new InstanceTracker(i, folder, this.options.EffectiveFailedLogSettleTime)).ToList();
        trackersByName = trackers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        invocationOrder = ActionOrder.InvokersFirst(graph).SelectMany(action => graph.InstancesOf(action)).Select(i => trackersByName[i.Name]).ToArray();
        folderObserver = new LogFolderObserver(folder, loggingStore, trackers, this.options, settleTime);
        endingRules = new RunEndingRules(graph, trackers, trackersByName, this.options, settleTime);
        waiters = new FinalStateWaiters(trackers, settleTime);
    }

    /// <summary>A status changed. Raised on the monitor's loop, in order; keep handlers short. A handler's exception ends <see cref="RunAsync"/>.</summary>
    public event EventHandler<FunctionTransition>? StatusChanged;

    /// <summary>A log entry was read, once per entry in log order. Raised on the monitor's loop.</summary>
    public event EventHandler<FunctionLogEntry>? LogEntryReceived;

    public InvocationFolder Folder { get; }

    /// <summary>
    /// A cycle ended and the loop now waits one poll interval on the monitor's clock. A test that steps a fake clock
    /// waits for it before writing the next objects, so every cycle sees exactly what the test wrote before it.
    /// </summary>
    internal event EventHandler? CycleEnded;

    public string WorkflowName => graph.WorkflowName;

    /// <summary>When <see cref="RunAsync"/> began observing; null before.</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            lock (gate)
            {
                return started ? startedAt : null;
            }
        }
    }

    /// <summary>The result once <see cref="RunAsync"/> ended; null before.</summary>
    public MonitorResult? Result
    {
        get
        {
            lock (gate)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// Observes the invocation until every instance completed or was not invoked, an instance failed (then until every
    /// active instance finished and its log is complete), a deadline or the inactivity timeout ran out, or
    /// <paramref name="cancellationToken"/> fired (unfinished instances become skipped; no exception). Runs once.
    /// </summary>
    public async Task<MonitorResult> RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref runStarted, 1) == 1)
        {
            throw new InvalidOperationException($"RunAsync was already called on the monitor of '{Folder.Prefix}'.");
        }

        try
        {
            Raise(Start());
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cycleStart = clock.GetUtcNow();
                Interlocked.Increment(ref cycles);

                // Reports that came before this cycle's LIST: what S3 shows in it is applied first.
                var reported = computeFailures.TakeArrived();
                if (await folderObserver.ListAsync(cancellationToken) is { } listing)
                {
                    var reads = Observe(listing, clock.GetUtcNow());
                    var contents = await folderObserver.ReadAsync(reads, cancellationToken);
                    var (events, end) = Evaluate(contents, reported, clock.GetUtcNow());
                    Raise(events);
                    if (end is { } ending)
                    {
                        if (ending.ReadUnreadLogs)
                        {
                            Raise(Apply(await folderObserver.ReadAsync(UnreadLogs(), cancellationToken)));
                        }

                        return Finish(ending);
                    }
                }
                else
                {
                    computeFailures.PutBack(reported);
                }

                CycleEnded?.Invoke(this, EventArgs.Empty);
                var wait = cycleStart + options.PollInterval - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(RunEnding.Cancelled);
        }
        catch (Exception exception)
        {
            FailWaiters(exception);
            throw;
        }
    }

    /// <summary>Every instance's current state, in workflow order. Thread-safe.</summary>
    public IReadOnlyList<FunctionState> Snapshot()
    {
        lock (gate)
        {
            if (result is not null)
            {
                return result.Functions;
            }

            var now = clock.GetUtcNow();
            return trackers.Select(t => t.ToState(now, settleTime)).ToArray();
        }
    }

    /// <summary>Every status change so far, in the order the monitor saw them. Thread-safe.</summary>
    public IReadOnlyList<FunctionTransition> TransitionsSoFar()
    {
        lock (gate)
        {
            return result?.Transitions ?? transitions.ToArray();
        }
    }

    /// <summary>One instance's current state ("sync1", "test-rank(3)"). Thread-safe.</summary>
    public FunctionState StateOf(string instanceName)
    {
        var tracker = TrackerOf(instanceName);
        lock (gate)
        {
            return result?[instanceName] ?? tracker.ToState(clock.GetUtcNow(), settleTime);
        }
    }

    /// <summary>The instance's log text read so far; empty when none was read. Thread-safe.</summary>
    public string LogOf(string instanceName)
    {
        var tracker = TrackerOf(instanceName);
        lock (gate)
        {
            return tracker.Log.Text;
        }
    }

    /// <summary>The instance's log entries read so far. Thread-safe.</summary>
    public IReadOnlyList<LogEntry> LogEntriesOf(string instanceName)
    {
        var tracker = TrackerOf(instanceName);
        lock (gate)
        {
            return tracker.Log.Entries;
        }
    }

    /// <summary>
    /// Resolves when the instance is final and its log complete (so <see cref="LogOf"/> holds all FaaSr wrote), or
    /// when monitoring ends, with the state at that moment. Throws for an unknown name, and when monitoring stopped
    /// with an error (before or while waiting).
    /// </summary>
    public async Task<FunctionState> WaitForFinalAsync(string instanceName, CancellationToken cancellationToken)
    {
        var tracker = TrackerOf(instanceName);
        TaskCompletionSource<FunctionState> waiter;
        lock (gate)
        {
            if (result is not null)
            {
                return result[instanceName];
            }

            if (fault is not null)
            {
                throw new InvalidOperationException($"Monitoring of '{Folder.Prefix}' stopped with an error: {fault.Message}", fault);
            }

            var state = tracker.ToState(clock.GetUtcNow(), settleTime);
            if (state.IsSettled)
            {
                return state;
            }

            waiter = waiters.Add(tracker);
        }

        using var registration = cancellationToken.Register(() =>
        {
            lock (gate)
            {
                waiters.Remove(tracker, waiter);
            }

            waiter.TrySetCanceled(cancellationToken);
        });
        return await waiter.Task;
    }

    /// <inheritdoc/>
    public void ReportFailure(string instanceName, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        computeFailures.Add(TrackerOf(instanceName), reason);
    }

    private InstanceTracker TrackerOf(string instanceName) =>
        trackersByName.TryGetValue(instanceName, out var tracker)
            ? tracker
            : throw new KeyNotFoundException($"No function instance '{instanceName}' in workflow '{WorkflowName}'. Known: {string.Join(", ", trackersByName.Keys)}.");

    private List<object> Start()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            startedAt = now;
            started = true;
            lastActivity = now;
            var events = new List<object>();
            foreach (var entry in graph.InstancesOf(graph.EntryAction))
            {
                Record(trackersByName[entry.Name].MoveTo(FunctionStatus.Invoked, "entry of the workflow", now), events);
            }

            return events;
        }
    }

    /// <summary>Applies one listing; returns the logs to read and the offset to read each from.</summary>
    private List<(InstanceTracker Tracker, long Offset)> Observe(Dictionary<string, StoredObject> listing, DateTimeOffset now)
    {
        lock (gate)
        {
            var (reads, anyLogChanged) = folderObserver.ReadsAfter(listing, now);
            if (anyLogChanged)
            {
                lastActivity = now;
            }

            return reads;
        }
    }

    private List<(InstanceTracker Tracker, long Offset)> UnreadLogs()
    {
        lock (gate)
        {
            return folderObserver.UnreadLogs();
        }
    }

    private List<object> Apply((InstanceTracker Tracker, long Offset, byte[]? Bytes)[] contents)
    {
        lock (gate)
        {
            var events = new List<object>();
            foreach (var (tracker, offset, bytes) in contents)
            {
                if (bytes is null || offset != tracker.Log.Length)
                {
                    continue;
                }

                tracker.Consume(bytes, schedulerLines);
                RaiseEntries(tracker, tracker.Log.ClosedEntries, events);
            }

            return events;
        }
    }

    private (List<object> Events, RunEnding? End) Evaluate(
        (InstanceTracker Tracker, long Offset, byte[]? Bytes)[] contents, IReadOnlyList<ComputeFailureReport> reported, DateTimeOffset now)
    {
        var events = Apply(contents);
        lock (gate)
        {
            ApplyObservedStatuses(now, events);
            ApplyComputeFailures(reported, now, events);
            ApplyInvocationVerdicts(now, events);
            foreach (var tracker in trackers.Where(t => t.IsLogComplete(now, settleTime)))
            {
                RaiseEntries(tracker, tracker.Log.Entries, events);
            }

            var end = endingRules.Check(now, startedAt, lastActivity);
            waiters.ResolveSettled(now);
            return (events, end);
        }
    }

    /// <summary>Log appeared: running. ERROR entry: failed, checked before .done (failed functions write .done too). .done: completed.</summary>
    private void ApplyObservedStatuses(DateTimeOffset now, List<object> events)
    {
        foreach (var tracker in trackers)
        {
            if (tracker.HasStarted && tracker.Status is FunctionStatus.Pending or FunctionStatus.Invoked or FunctionStatus.NotInvoked)
            {
                var reason = tracker.ListedLog is null ? ".done written before any log"
                    : tracker.Status == FunctionStatus.Invoked ? "log created"
                    : "log created before its invocation was seen";
                Record(tracker.MoveTo(FunctionStatus.Running, reason, now), events);
            }

            if (tracker.FirstError is { } error && tracker.Status is FunctionStatus.Running or FunctionStatus.Completed)
            {
                Record(tracker.MoveTo(FunctionStatus.Failed, $"ERROR logged: {Shorten(error)}", now), events);
            }
            else if (tracker.DoneListed && tracker.Status == FunctionStatus.Running && !tracker.HasUnreadBytes)
            {
                Record(tracker.MoveTo(FunctionStatus.Completed, ".done written, no ERROR logged", now), events);
            }
        }
    }

    /// <summary>
    /// A failure the compute reported: dropped when S3 already settled the instance (a .done or an ERROR decided it),
    /// kept for the next cycle while its log has bytes not read yet (they may hold that evidence), else applied.
    /// </summary>
    private void ApplyComputeFailures(IReadOnlyList<ComputeFailureReport> reported, DateTimeOffset now, List<object> events)
    {
        foreach (var report in reported)
        {
            var tracker = report.Tracker;
            if (tracker.Status.IsFinal)
            {
                continue;
            }

            if (tracker.HasUnreadBytes)
            {
                computeFailures.PutBack([report]);
                continue;
            }

            Record(tracker.MoveTo(FunctionStatus.Failed, report.Reason, now), events);
        }
    }

    /// <summary>Invoked / pending / not_invoked for instances without a log, invokers first so not_invoked spreads in one pass.</summary>
    private void ApplyInvocationVerdicts(DateTimeOffset now, List<object> events)
    {
        foreach (var tracker in invocationOrder)
        {
            if (tracker.HasStarted || tracker.Instance.Action == graph.EntryAction
                || tracker.Status is not (FunctionStatus.Pending or FunctionStatus.NotInvoked))
            {
                continue;
            }

            var invokers = graph.PredecessorInstancesOf(tracker.Instance.Action).Select(i => trackersByName[i.Name]).ToArray();
            var (status, reason) = InvocationVerdict.Of(graph, tracker.Instance.Action, invokers, now, settleTime);
            var allowed = tracker.Status == FunctionStatus.Pending ? status != FunctionStatus.Pending : status == FunctionStatus.Invoked;
            if (allowed)
            {
                Record(tracker.MoveTo(status, reason, now), events);
            }
            else if (status == tracker.Status)
            {
                tracker.Explain(reason);
            }
        }
    }

    private MonitorResult Finish(RunEnding ending)
    {
        List<object> events = [];
        MonitorResult finished;
        List<(TaskCompletionSource<FunctionState> Waiter, FunctionState State)> released;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (ending.Culprit is { } culprit)
            {
                Record(culprit.Tracker.MoveTo(FunctionStatus.Timeout, culprit.Reason, now), events);
            }

            foreach (var tracker in trackers.Where(t => !t.Status.IsFinal))
            {
                Record(tracker.MoveTo(ending.UnfinishedStatus, ending.UnfinishedReason, now), events);
            }

            foreach (var tracker in trackers)
            {
                RaiseEntries(tracker, tracker.Log.Entries, events);
            }

            finished = new MonitorResult
            {
                WorkflowName = WorkflowName,
                Folder = Folder,
                Outcome = ending.Outcome,
                Message = ending.Message,
                StartedAt = startedAt,
                FinishedAt = now,
                Functions = trackers.Select(t => t.ToState(now, settleTime)).ToArray(),
                Transitions = transitions.ToArray(),
                Cycles = Volatile.Read(ref cycles),
            };
            result = finished;
            released = waiters.TakeAll(finished);
        }

        Raise(events);
        foreach (var (waiter, state) in released)
        {
            waiter.TrySetResult(state);
        }

        return finished;
    }

    private void FailWaiters(Exception exception)
    {
        lock (gate)
        {
            fault = exception;
            waiters.FailAll(exception);
        }
    }

    private void Record(FunctionTransition transition, List<object> events)
    {
        transitions.Add(transition);
        lastActivity = transition.At;
        events.Add(transition);
    }

    private static void RaiseEntries(InstanceTracker tracker, IReadOnlyList<LogEntry> entries, List<object> events)
    {
        for (var i = tracker.EntriesRaised; i < entries.Count; i++)
        {
            events.Add(new FunctionLogEntry(tracker.Name, entries[i]));
        }

        tracker.EntriesRaised = Math.Max(tracker.EntriesRaised, entries.Count);
    }

    private void Raise(List<object> events)
    {
        foreach (var item in events)
        {
            switch (item)
            {
                case FunctionTransition transition:
                    StatusChanged?.Invoke(this, transition);
                    break;
                case FunctionLogEntry entry:
                    LogEntryReceived?.Invoke(this, entry);
                    break;
            }
        }
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";
}

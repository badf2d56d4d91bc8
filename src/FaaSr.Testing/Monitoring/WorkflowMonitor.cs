using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Watches one invocation of a workflow through S3 alone, as a cloud run is seen: it never asks the executor.
/// Each cycle makes one paginated LIST of the invocation folder in the LoggingDataStore; log appearance, growth and
/// .done files come from that listing, and a log is read (from the last offset, never whole again) only when its
/// content is needed: at .done, once it stopped growing, after the instance finished, or always with
/// <see cref="MonitorOptions.LiveLogs"/>. The status rules are spec/faasr.md §3.5 with the old framework's bugs fixed.
/// </summary>
public sealed class WorkflowMonitor
{
    private readonly Lock gate = new();
    private readonly WorkflowGraph graph;
    private readonly IObjectStore store;
    private readonly MonitorOptions options;
    private readonly TimeProvider clock;
    private readonly TimeSpan settleTime;
    private readonly SchedulerLineParser schedulerLines;
    private readonly List<InstanceTracker> trackers;
    private readonly Dictionary<string, InstanceTracker> trackersByName;
    private readonly IReadOnlyList<InstanceTracker> invocationOrder;
    private readonly List<FunctionTransition> transitions = [];
    private int runStarted;
    private int failedListings;
    private int cycles;
    private DateTimeOffset startedAt;
    private bool started;
    private DateTimeOffset lastActivity;
    private string? firstFailure;
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
        store = loggingStore;
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
        trackers = graph.Instances.Select(i => new InstanceTracker(i, folder)).ToList();
        trackersByName = trackers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        invocationOrder = InvokersFirst(graph).SelectMany(action => graph.InstancesOf(action)).Select(i => trackersByName[i.Name]).ToArray();
    }

    /// <summary>A status changed. Raised on the monitor's loop, in order; keep handlers short. A handler's exception ends <see cref="RunAsync"/>.</summary>
    public event EventHandler<FunctionTransition>? StatusChanged;

    /// <summary>A log entry was read, once per entry in log order. Raised on the monitor's loop.</summary>
    public event EventHandler<FunctionLogEntry>? LogEntryReceived;

    public InvocationFolder Folder { get; }

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
                if (await ListFolderAsync(cancellationToken) is { } listing)
                {
                    var reads = Observe(listing, clock.GetUtcNow());
                    var contents = await ReadAsync(reads, cancellationToken);
                    var (events, end) = Evaluate(contents, clock.GetUtcNow());
                    Raise(events);
                    if (end is { } ending)
                    {
                        if (ending.ReadUnreadLogs)
                        {
                            Raise(Apply(await ReadAsync(UnreadLogs(), cancellationToken)));
                        }

                        return Finish(ending);
                    }
                }

                var wait = cycleStart + options.PollInterval - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(new Ending(MonitorOutcome.Cancelled, "Monitoring cancelled; unfinished functions skipped (shutdown)", FunctionStatus.Skipped, "shutdown", false));
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

            waiter = new TaskCompletionSource<FunctionState>(TaskCreationOptions.RunContinuationsAsynchronously);
            tracker.Waiters.Add(waiter);
        }

        using var registration = cancellationToken.Register(() =>
        {
            lock (gate)
            {
                tracker.Waiters.Remove(waiter);
            }

            waiter.TrySetCanceled(cancellationToken);
        });
        return await waiter.Task;
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

    /// <summary>One listing of the invocation folder; null when it failed and fewer failures than tolerated happened in a row.</summary>
    private async Task<Dictionary<string, StoredObject>?> ListFolderAsync(CancellationToken cancellationToken)
    {
        var listing = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
        try
        {
            await foreach (var stored in store.ListAsync(Folder.Prefix + "/", cancellationToken))
            {
                listing[stored.Key] = stored;
            }
        }
        catch (ObjectStoreException) when (++failedListings <= options.StoreFailuresTolerated)
        {
            return null;
        }

        failedListings = 0;
        return listing;
    }

    /// <summary>Applies one listing; returns the logs to read and the offset to read each from.</summary>
    private List<(InstanceTracker Tracker, long Offset)> Observe(Dictionary<string, StoredObject> listing, DateTimeOffset now)
    {
        lock (gate)
        {
            var reads = new List<(InstanceTracker, long)>();
            foreach (var tracker in trackers)
            {
                if (tracker.Observe(listing.GetValueOrDefault(tracker.LogKey), listing.ContainsKey(tracker.DoneKey), now))
                {
                    lastActivity = now;
                }

                if (tracker.LogWasReplaced)
                {
                    tracker.RestartLog();
                    reads.Add((tracker, 0));
                }
                else if (tracker.HasUnreadBytes && ContentIsNeeded(tracker, now))
                {
                    reads.Add((tracker, tracker.Log.Length));
                }
            }

            return reads;
        }
    }

    private bool ContentIsNeeded(InstanceTracker tracker, DateTimeOffset now) =>
        options.LiveLogs
        || tracker.DoneListed
        || tracker.Status.IsFinal
        || now - tracker.LogChangedAt >= settleTime;

    private List<(InstanceTracker Tracker, long Offset)> UnreadLogs()
    {
        lock (gate)
        {
            return trackers.Where(t => t.HasUnreadBytes).Select(t => (t, t.Log.Length)).ToList();
        }
    }

    private async Task<(InstanceTracker Tracker, long Offset, byte[]? Bytes)[]> ReadAsync(List<(InstanceTracker Tracker, long Offset)> reads, CancellationToken cancellationToken)
    {
        var contents = new (InstanceTracker, long, byte[]?)[reads.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, reads.Count), parallel, async (index, token) =>
        {
            var (tracker, offset) = reads[index];
            contents[index] = (tracker, offset, null);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(options.EffectiveReadTimeout);
            try
            {
                contents[index] = (tracker, offset, await store.GetFromAsync(tracker.LogKey, offset, timeout.Token));
                tracker.FailedReads = 0;
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // Too slow: abandoned, read again next cycle. Slowness alone is not a failure.
            }
            catch (ObjectStoreException) when (++tracker.FailedReads <= options.StoreFailuresTolerated)
            {
                // Read again next cycle.
            }
        });
        return contents;
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

    private (List<object> Events, Ending? End) Evaluate((InstanceTracker Tracker, long Offset, byte[]? Bytes)[] contents, DateTimeOffset now)
    {
        var events = Apply(contents);
        lock (gate)
        {
            ApplyObservedStatuses(now, events);
            ApplyInvocationVerdicts(now, events);
            foreach (var tracker in trackers.Where(t => t.IsLogComplete(now, settleTime)))
            {
                RaiseEntries(tracker, tracker.Log.Entries, events);
            }

            var end = DeadlineExceeded(now) ?? FailureSettled(now) ?? AllCompleted(now) ?? Inactive(now);
            ResolveSettledWaiters(now);
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

    private Ending? DeadlineExceeded(DateTimeOffset now)
    {
        foreach (var tracker in trackers)
        {
            var deadlines = options.DeadlinesFor(tracker.Name);
            var missed = (tracker.Status, deadlines) switch
            {
                (FunctionStatus.Pending, { InvokedWithin: { } limit }) when now - startedAt > limit =>
                    $"not invoked within {limit:g} of the start",
                (FunctionStatus.Invoked, { RunningWithin: { } limit }) when now - tracker.InvokedAt > limit =>
                    $"not running within {limit:g} of its invocation",
                (FunctionStatus.Running, { CompletedWithin: { } limit }) when now - tracker.StartedAt > limit =>
                    $"not finished within {limit:g} of starting",
                _ => null,
            };
            if (missed is not null)
            {
                return new Ending(
                    MonitorOutcome.TimedOut,
                    $"Function {tracker.Name} timed out: {missed}",
                    FunctionStatus.Skipped,
                    $"skipped after timeout of {tracker.Name}",
                    true,
                    (tracker, missed));
            }
        }

        return null;
    }

    /// <summary>After a failure, stop once no instance is active: none running or invoked and able to start, every finished log complete.</summary>
    private Ending? FailureSettled(DateTimeOffset now)
    {
        firstFailure ??= trackers.FirstOrDefault(t => t.Status == FunctionStatus.Failed)?.Name;
        if (firstFailure is null)
        {
            return null;
        }

        var active = trackers.Any(t =>
            t.Status == FunctionStatus.Running
            || (t.Status == FunctionStatus.Invoked && !IsBlockedAtFanIn(t))
            || (t.Status.IsFinal && !t.IsLogComplete(now, settleTime)));
        return active
            ? null
            : new Ending(
                MonitorOutcome.Failed,
                $"Failure detected in {firstFailure} and all active loggers completed",
                FunctionStatus.Skipped,
                $"skipped after failure of {firstFailure}",
                false);
    }

    /// <summary>An invoked fan-in instance whose gate can never pass: a predecessor finished without a .done file.</summary>
    private bool IsBlockedAtFanIn(InstanceTracker tracker) =>
        graph.IsFanIn(tracker.Instance.Action)
        && graph.PredecessorInstancesOf(tracker.Instance.Action)
            .Select(p => trackersByName[p.Name])
            .Any(p => p.Status.IsFinal && !p.DoneListed);

    private Ending? AllCompleted(DateTimeOffset now) =>
        trackers.All(t => t.Status.HasCompleted && t.IsLogComplete(now, settleTime))
            ? new Ending(MonitorOutcome.Succeeded, "All functions completed", FunctionStatus.Skipped, "", false)
            : null;

    private Ending? Inactive(DateTimeOffset now)
    {
        var quiet = now - lastActivity;
        if (quiet < options.InactivityTimeout)
        {
            return null;
        }

        var unfinished = trackers.Where(t => !t.Status.IsFinal).Select(t => t.Name).ToArray();
        return new Ending(
            MonitorOutcome.TimedOut,
            $"Inactivity timeout: nothing changed for {options.InactivityTimeout:g}; timed out: {string.Join(", ", unfinished)}",
            FunctionStatus.Timeout,
            $"timed out: nothing changed for {options.InactivityTimeout:g}",
            true);
    }

    private MonitorResult Finish(Ending ending)
    {
        List<object> events = [];
        MonitorResult finished;
        List<(TaskCompletionSource<FunctionState> Waiter, FunctionState State)> waiters = [];
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
            foreach (var tracker in trackers)
            {
                waiters.AddRange(tracker.Waiters.Select(w => (w, finished[tracker.Name])));
                tracker.Waiters.Clear();
            }
        }

        Raise(events);
        foreach (var (waiter, state) in waiters)
        {
            waiter.TrySetResult(state);
        }

        return finished;
    }

    private void ResolveSettledWaiters(DateTimeOffset now)
    {
        foreach (var tracker in trackers.Where(t => t.Waiters.Count > 0))
        {
            var state = tracker.ToState(now, settleTime);
            if (state.IsSettled)
            {
                foreach (var waiter in tracker.Waiters)
                {
                    waiter.TrySetResult(state);
                }

                tracker.Waiters.Clear();
            }
        }
    }

    private void FailWaiters(Exception exception)
    {
        lock (gate)
        {
            fault = exception;
            foreach (var tracker in trackers)
            {
                foreach (var waiter in tracker.Waiters)
                {
                    waiter.TrySetException(exception);
                }

                tracker.Waiters.Clear();
            }
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

    /// <summary>Actions ordered so that every invoker comes before the actions it invokes.</summary>
    private static List<string> InvokersFirst(WorkflowGraph graph)
    {
        var remaining = graph.Actions.ToDictionary(a => a.Name, a => graph.InvokersOf(a.Name).Count, StringComparer.Ordinal);
        var ready = new Queue<string>(graph.Actions.Where(a => remaining[a.Name] == 0).Select(a => a.Name));
        var order = new List<string>();
        while (ready.TryDequeue(out var action))
        {
            order.Add(action);
            foreach (var successor in graph.SuccessorsOf(action))
            {
                if (--remaining[successor] == 0)
                {
                    ready.Enqueue(successor);
                }
            }
        }

        if (order.Count != graph.Actions.Count)
        {
            var cyclic = graph.Actions.Select(a => a.Name).Except(order);
            throw new InvalidOperationException($"Workflow '{graph.WorkflowName}' has a cycle through {string.Join(", ", cyclic)}; it cannot be monitored.");
        }

        return order;
    }

    /// <summary>How a run ends: its outcome and message, what unfinished instances become, and the instance that missed a deadline.</summary>
    private sealed record Ending(
        MonitorOutcome Outcome,
        string Message,
        FunctionStatus UnfinishedStatus,
        string UnfinishedReason,
        bool ReadUnreadLogs,
        (InstanceTracker Tracker, string Reason)? Culprit = null);
}

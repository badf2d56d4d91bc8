using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// The monitor's mutable record of one instance: what the listings showed, what was read of its log, and its status.
/// Only the monitor's loop changes it, under the monitor's lock.
/// </summary>
/// <param name="failedLogSettleTime">How long a failed instance's log must stay unchanged to be complete (see <see cref="MonitorOptions.FailedLogSettleTime"/>).</param>
internal sealed class InstanceTracker(FunctionInstance instance, InvocationFolder folder, TimeSpan? failedLogSettleTime = null)
{
    private readonly HashSet<string> dispatched = new(StringComparer.Ordinal);
    private int entriesInspected;

    public FunctionInstance Instance { get; } = instance;

    public string Name => Instance.Name;

    public string LogKey { get; } = folder.LogKey(instance);

    public string DoneKey { get; } = folder.DoneKey(instance);

    public FunctionStatus Status { get; private set; } = FunctionStatus.Pending;

    public string Reason { get; private set; } = "waiting for an invoker";

    public DateTimeOffset? InvokedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public LogParser Log { get; private set; } = new();

    public IReadOnlySet<string> Dispatched => dispatched;

    /// <summary>The log shows the scheduler's last word: a dispatch or "no triggers for".</summary>
    public bool HasSchedulerLine { get; private set; }

    /// <summary>The first ERROR entry's first line, when there is one.</summary>
    public string? FirstError { get; private set; }

    /// <summary>The log object as the latest listing showed it; null while it does not exist.</summary>
    public StoredObject? ListedLog { get; private set; }

    public bool DoneListed { get; private set; }

    /// <summary>When the listing last showed the log appear or change.</summary>
    public DateTimeOffset? LogChangedAt { get; private set; }

    /// <summary>Reads of this log that failed in a row.</summary>
    public int FailedReads { get; set; }

    /// <summary>Entries already raised as events.</summary>
    public int EntriesRaised { get; set; }

    public bool HasStarted => ListedLog is not null || DoneListed || Status is FunctionStatus.Running or FunctionStatus.Completed or FunctionStatus.Failed;

    /// <summary>The listing shows bytes that were not read yet.</summary>
    public bool HasUnreadBytes => ListedLog is { } log && log.Size > Log.Length;

    /// <summary>True when the listing shows an object that no longer continues what was read (it was replaced).</summary>
    public bool LogWasReplaced => ListedLog is { } log && log.Size < Log.Length;

    /// <summary>Records what one listing showed; returns true when the log appeared or changed.</summary>
    public bool Observe(StoredObject? log, bool doneListed, DateTimeOffset now)
    {
        var changed = log is not null && (ListedLog is null || log.Size != ListedLog.Size || log.ETag != ListedLog.ETag);
        if (changed)
        {
            LogChangedAt = now;
        }

        ListedLog = log ?? ListedLog;
        DoneListed |= doneListed;
        return changed;
    }

    /// <summary>Consumes bytes read from the log; returns the entries they closed.</summary>
    public IReadOnlyList<LogEntry> Consume(ReadOnlySpan<byte> bytes, SchedulerLineParser schedulerLines)
    {
        var closed = Log.Append(bytes);
        var entries = Log.Entries;

        // The last entry inspected may have grown since; inspecting it again is harmless (sets only grow).
        for (var i = Math.Max(0, entriesInspected - 1); i < entries.Count; i++)
        {
            Inspect(entries[i], schedulerLines);
        }

        entriesInspected = entries.Count;
        return closed;
    }

    /// <summary>Starts reading the log over (the object was replaced by a shorter one); what was seen stays seen.</summary>
    public void RestartLog()
    {
        Log = new LogParser();
        entriesInspected = 0;
    }

    /// <summary>True when nothing more is expected in the log (see <see cref="FunctionState.LogComplete"/>).</summary>
    public bool IsLogComplete(DateTimeOffset now, TimeSpan settleTime)
    {
        if (!Status.IsFinal)
        {
            return false;
        }

        if (!HasStarted)
        {
            return true;
        }

        if (HasUnreadBytes)
        {
            return false;
        }

        if (HasSchedulerLine)
        {
            return true;
        }

        // A failure's last words (the message, then its traceback) are written together as the function ends: a failed
        // log that stayed unchanged for a shorter while is complete, so a failing run ends soon after it settled.
        var settle = Status == FunctionStatus.Failed && failedLogSettleTime is { } failedSettle && failedSettle < settleTime ? failedSettle : settleTime;
        var quietSince = Max(FinishedAt, LogChangedAt);
        return quietSince is null || now - quietSince >= settle;
    }

    /// <summary>Updates why the instance keeps its status (for example whom a pending instance waits for).</summary>
    public void Explain(string reason) => Reason = reason;

    public FunctionTransition MoveTo(FunctionStatus status, string reason, DateTimeOffset now)
    {
        var transition = new FunctionTransition(Name, Status, status, now, reason);
        Status = status;
        Reason = reason;
        switch (status)
        {
            case FunctionStatus.Invoked:
                InvokedAt ??= now;
                FinishedAt = null;
                break;
            case FunctionStatus.Running:
                InvokedAt ??= now;
                StartedAt ??= now;
                FinishedAt = null;
                break;
            case FunctionStatus.Completed or FunctionStatus.Failed:
                InvokedAt ??= now;
                StartedAt ??= now;
                FinishedAt = now;
                break;
            default:
                if (status.IsFinal)
                {
                    FinishedAt ??= now;
                }

                break;
        }

        return transition;
    }

    public FunctionState ToState(DateTimeOffset now, TimeSpan settleTime) => new()
    {
        Instance = Instance,
        Status = Status,
        Reason = Reason,
        InvokedAt = InvokedAt,
        StartedAt = StartedAt,
        FinishedAt = FinishedAt,
        LogKey = LogKey,
        LogText = Log.Text,
        LogSize = ListedLog?.Size ?? 0,
        Dispatched = dispatched.ToHashSet(StringComparer.Ordinal),
        LogComplete = IsLogComplete(now, settleTime),
    };

    private void Inspect(LogEntry entry, SchedulerLineParser schedulerLines)
    {
        if (FirstError is null && entry.IsError)
        {
            FirstError = entry.FirstLine;
        }

        switch (schedulerLines.Parse(entry))
        {
            case DispatchLine dispatch:
                dispatched.Add(dispatch.Action);
                HasSchedulerLine = true;
                break;
            case NoTriggersLine:
                HasSchedulerLine = true;
                break;
        }
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a > b ? a : b ?? a;
}

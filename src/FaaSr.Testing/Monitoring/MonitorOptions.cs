namespace FaaSr.Testing.Monitoring;

/// <summary>How a <see cref="WorkflowMonitor"/> polls and when it gives up.</summary>
public sealed record MonitorOptions
{
    /// <summary>Time between two observation cycles (one LIST of the invocation folder each).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The run ends with every unfinished instance timed out when nothing happened for this long: no status change
    /// and no log growth.
    /// </summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long a finished instance's log must stay unchanged before it counts as complete when it shows no scheduler
    /// line ("Successfully invoked", "no triggers for"); also how long a running instance's log must stay unchanged
    /// before it is read without <see cref="LiveLogs"/>. Null means three poll intervals.
    /// </summary>
    public TimeSpan? LogSettleTime { get; init; }

    /// <summary>
    /// How long a failed instance's log must stay unchanged before it counts as complete (a failure shows no scheduler
    /// line). FaaSr writes a failure's message and traceback as the function ends, so one unchanged listing is enough;
    /// this is what lets a failing run end as soon as it settled. Null means one poll interval (never more than
    /// <see cref="EffectiveLogSettleTime"/>).
    /// </summary>
    public TimeSpan? FailedLogSettleTime { get; init; }

    public TimeSpan EffectiveFailedLogSettleTime => FailedLogSettleTime ?? PollInterval;

    /// <summary>Per-instance stage deadlines, keyed by instance name ("sync1", "test-rank(3)").</summary>
    public IReadOnlyDictionary<string, StageDeadlines> Deadlines { get; init; } = new Dictionary<string, StageDeadlines>();

    /// <summary>Stage deadlines for every instance not named in <see cref="Deadlines"/>; null for none.</summary>
    public StageDeadlines? DefaultDeadlines { get; init; }

    /// <summary>
    /// Read every log as soon as it grows, so log entries stream live. Off by default: a running instance's log is then
    /// read when its .done appears or when it stopped growing, which keeps requests to about two per instance.
    /// </summary>
    public bool LiveLogs { get; init; }

    /// <summary>Log reads in flight at once within one cycle.</summary>
    public int MaxConcurrentReads { get; init; } = 16;

    /// <summary>
    /// A log read slower than this is abandoned and tried again next cycle, so one stalled request cannot hold up the
    /// detection of every other instance. Null means one poll interval, but at least one second.
    /// </summary>
    public TimeSpan? ReadTimeout { get; init; }

    public TimeSpan EffectiveReadTimeout => ReadTimeout ?? (PollInterval > TimeSpan.FromSeconds(1) ? PollInterval : TimeSpan.FromSeconds(1));

    /// <summary>
    /// Failed S3 requests in a row the monitor rides out before it gives up: a failed LIST skips its cycle, a failed
    /// log read is retried next cycle. (A local S3 server can fail a read that races a write of the same object.)
    /// </summary>
    public int StoreFailuresTolerated { get; init; } = 3;

    /// <summary>The clock; replace it in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public TimeSpan EffectiveLogSettleTime => LogSettleTime ?? PollInterval * 3;

    public StageDeadlines? DeadlinesFor(string instanceName) =>
        Deadlines.TryGetValue(instanceName, out var deadlines) ? deadlines : DefaultDeadlines;

    /// <summary>Throws when a value cannot work, naming the option.</summary>
    public void Validate()
    {
        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "MonitorOptions.PollInterval must be positive.");
        }

        if (InactivityTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InactivityTimeout), InactivityTimeout, "MonitorOptions.InactivityTimeout must be positive.");
        }

        if (LogSettleTime is { } settle && settle < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(LogSettleTime), settle, "MonitorOptions.LogSettleTime must not be negative.");
        }

        if (FailedLogSettleTime is { } failedSettle && failedSettle < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FailedLogSettleTime), failedSettle, "MonitorOptions.FailedLogSettleTime must not be negative.");
        }

        if (ReadTimeout is { } readTimeout && readTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadTimeout), readTimeout, "MonitorOptions.ReadTimeout must be positive.");
        }

        if (StoreFailuresTolerated < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(StoreFailuresTolerated), StoreFailuresTolerated, "MonitorOptions.StoreFailuresTolerated must not be negative.");
        }

        if (MaxConcurrentReads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentReads), MaxConcurrentReads, "MonitorOptions.MaxConcurrentReads must be at least 1.");
        }
    }
}

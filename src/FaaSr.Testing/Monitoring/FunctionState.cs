using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// What the monitor knows about one instance at one moment. Times are when the monitor observed the change (UTC).
/// </summary>
public sealed record FunctionState
{
    public required FunctionInstance Instance { get; init; }

    public required FunctionStatus Status { get; init; }

    /// <summary>Why the instance has its current status ("log created", "ERROR logged: ...").</summary>
    public required string Reason { get; init; }

    public DateTimeOffset? InvokedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The key of the instance's log object in the LoggingDataStore (it may not exist).</summary>
    public required string LogKey { get; init; }

    /// <summary>The log text read so far, decoded as UTF-8; empty when no log was read.</summary>
    public string LogText { get; init; } = "";

    /// <summary>
    /// The size of the log object as the last listing showed it; 0 when none was listed. A log still being written is
    /// read only once it settles, so a log that exists may not have been read (<see cref="LogText"/> empty) when
    /// monitoring stops.
    /// </summary>
    public long LogSize { get; init; }

    /// <summary>Actions this instance's log says it dispatched (base names, no rank, workflow prefix removed).</summary>
    public IReadOnlySet<string> Dispatched { get; init; } = new HashSet<string>();

    /// <summary>
    /// True when nothing more is expected in the log: the instance is final and its log ends with its scheduler
    /// lines, or it stayed unchanged for the settle time (or there is no log at all and the status is final).
    /// </summary>
    public bool LogComplete { get; init; }

    public string Name => Instance.Name;

    /// <summary>Final and with a complete log: the state will not change any more.</summary>
    public bool IsSettled => Status.IsFinal && LogComplete;

    public override string ToString() => $"{Name}: {Status.WireName} ({Reason})";
}

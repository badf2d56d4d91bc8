namespace FaaSr.Testing.Monitoring;

/// <summary>How a run ends: its outcome and message, what unfinished instances become, and the instance that missed a deadline.</summary>
internal sealed record RunEnding(
    MonitorOutcome Outcome,
    string Message,
    FunctionStatus UnfinishedStatus,
    string UnfinishedReason,
    bool ReadUnreadLogs,
    (InstanceTracker Tracker, string Reason)? Culprit = null)
{
    /// <summary>Monitoring was cancelled: unfinished instances are skipped.</summary>
    public static RunEnding Cancelled { get; } = new(
        MonitorOutcome.Cancelled, "Monitoring cancelled; unfinished functions skipped (shutdown)", FunctionStatus.Skipped, "shutdown", false);
}

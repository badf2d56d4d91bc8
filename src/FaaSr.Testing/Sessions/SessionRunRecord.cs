using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Sessions;

/// <summary>The run record of a session, as the CLI shows it and <see cref="RunRecordPublisher"/> writes it.</summary>
public static class SessionRunRecord
{
    /// <summary>What the record says about the session beside the monitor's states.</summary>
    public static RunRecordContext ContextOf(IWorkflowSession session) => new()
    {
        Profile = session.Profile,
        Storage = session.StorageName,
        Compute = session.ComputeName,
        RunUrl = session.RunUrl,
        Sources = session.Sources,
        RunUrlOf = session.RunUrlOf,
    };

    /// <summary>
    /// The record now: the monitor's result once monitoring ended; else the latest snapshot, started at
    /// <paramref name="startedAtBeforeMonitoring"/> when the monitor has not begun, and ended now when monitoring ended
    /// without a result.
    /// </summary>
    public static RunRecord CurrentRecord(this IWorkflowSession session, DateTimeOffset startedAtBeforeMonitoring)
    {
        var context = ContextOf(session);
        if (session.Monitoring is { IsCompletedSuccessfully: true } done)
        {
            return RunRecord.From(done.Result, context);
        }

        var monitor = session.Monitor;
        var startedAt = monitor.StartedAt ?? startedAtBeforeMonitoring;
        var record = RunRecord.InProgress(session.Folder, context, startedAt, monitor.Snapshot(), monitor.TransitionsSoFar());
        return session.Monitoring.IsCompleted ? record.EndedAt(DateTimeOffset.UtcNow) : record;
    }
}

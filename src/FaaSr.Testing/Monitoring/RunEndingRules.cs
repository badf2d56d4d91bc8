using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Decides whether a run is over, in order: a deadline was exceeded, a failure settled (no instance still active), every
/// instance completed, or nothing changed for the inactivity timeout. Not thread-safe: the monitor calls it under its lock.
/// </summary>
internal sealed class RunEndingRules(
    WorkflowGraph graph,
    IReadOnlyList<InstanceTracker> trackers,
    IReadOnlyDictionary<string, InstanceTracker> trackersByName,
    MonitorOptions options,
    TimeSpan settleTime)
{
    private string? firstFailure;

    /// <summary>How the run ends now; null while it goes on.</summary>
    public RunEnding? Check(DateTimeOffset now, DateTimeOffset startedAt, DateTimeOffset lastActivity) =>
        DeadlineExceeded(now, startedAt) ?? FailureSettled(now) ?? AllCompleted(now) ?? Inactive(now, lastActivity);

    private RunEnding? DeadlineExceeded(DateTimeOffset now, DateTimeOffset startedAt)
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
                return new RunEnding(
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
    private RunEnding? FailureSettled(DateTimeOffset now)
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
            : new RunEnding(
                MonitorOutcome.Failed,
                $"Failure detected in {firstFailure} and all active loggers completed",
                FunctionStatus.Skipped,
                $"skipped after failure of {firstFailure}",
                false);
    }

    /// <summary>
    /// An invoked fan-in instance that will not start: a predecessor finished without a .done file (the gate can never
    /// pass), or every predecessor is final and one of them failed. A failed predecessor dispatches nothing, and each
    /// start the others dispatched that found a completion file missing stopped quietly, leaving nothing in S3
    /// (docs/faasr-semantics.md, "Fan-in"); waiting for it would hold a failed run until the inactivity timeout.
    /// </summary>
    private bool IsBlockedAtFanIn(InstanceTracker tracker)
    {
        if (!graph.IsFanIn(tracker.Instance.Action))
        {
            return false;
        }

        var predecessors = graph.PredecessorInstancesOf(tracker.Instance.Action).Select(p => trackersByName[p.Name]).ToArray();
        return predecessors.Any(p => p.Status.IsFinal && !p.DoneListed)
            || (predecessors.All(p => p.Status.IsFinal) && predecessors.Any(p => p.Status == FunctionStatus.Failed));
    }

    private RunEnding? AllCompleted(DateTimeOffset now) =>
        trackers.All(t => t.Status.HasCompleted && t.IsLogComplete(now, settleTime))
            ? new RunEnding(MonitorOutcome.Succeeded, "All functions completed", FunctionStatus.Skipped, "", false)
            : null;

    private RunEnding? Inactive(DateTimeOffset now, DateTimeOffset lastActivity)
    {
        var quiet = now - lastActivity;
        if (quiet < options.InactivityTimeout)
        {
            return null;
        }

        var unfinished = trackers.Where(t => !t.Status.IsFinal).Select(t => t.Name).ToArray();
        return new RunEnding(
            MonitorOutcome.TimedOut,
            $"Inactivity timeout: nothing changed for {options.InactivityTimeout:g}; timed out: {string.Join(", ", unfinished)}",
            FunctionStatus.Timeout,
            $"timed out: nothing changed for {options.InactivityTimeout:g}",
            true);
    }
}

namespace FaaSr.Testing.Monitoring;

/// <summary>One failure a compute reported for an instance (see <see cref="IComputeFailureSink"/>).</summary>
internal sealed record ComputeFailureReport(InstanceTracker Tracker, string Reason);

/// <summary>
/// The failures computes reported and the monitor has not applied yet: added from any thread, taken by the monitor's
/// loop once per cycle, before its listing.
/// </summary>
internal sealed class ComputeFailureReports
{
    private readonly Lock gate = new();
    private List<ComputeFailureReport> arrived = [];

    public void Add(InstanceTracker tracker, string reason)
    {
        lock (gate)
        {
            arrived.Add(new ComputeFailureReport(tracker, reason));
        }
    }

    /// <summary>Every report so far, in arrival order; the list is then empty.</summary>
    public IReadOnlyList<ComputeFailureReport> TakeArrived()
    {
        lock (gate)
        {
            var taken = arrived;
            arrived = [];
            return taken;
        }
    }

    /// <summary>Reports to take again next cycle (their cycle could not apply them).</summary>
    public void PutBack(IEnumerable<ComputeFailureReport> reports)
    {
        lock (gate)
        {
            arrived.InsertRange(0, reports);
        }
    }
}

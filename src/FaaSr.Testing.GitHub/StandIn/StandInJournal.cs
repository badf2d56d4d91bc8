namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>Everything the stand-in saw, and the faults it is to answer with: safe to use from any thread.</summary>
internal sealed class StandInJournal
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly List<RefusedConnection> refusals = [];
    private readonly List<WorkflowDispatch> dispatches = [];
    private readonly List<(StandInFault Fault, int Left)> faults = [];
    private long lastRunId = 1_000_000;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToList();
            }
        }
    }

    public IReadOnlyList<RefusedConnection> Refusals
    {
        get
        {
            lock (gate)
            {
                return refusals.ToList();
            }
        }
    }

    public IReadOnlyList<WorkflowDispatch> Dispatches
    {
        get
        {
            lock (gate)
            {
                return dispatches.ToList();
            }
        }
    }

    public long NextRunId() => Interlocked.Increment(ref lastRunId);

    public void Record(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }

    public void Record(RefusedConnection refusal)
    {
        lock (gate)
        {
            refusals.Add(refusal);
        }
    }

    public void Record(WorkflowDispatch dispatch)
    {
        lock (gate)
        {
            dispatches.Add(dispatch);
        }
    }

    public void AddFault(StandInFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1);
        lock (gate)
        {
            faults.Add((fault, fault.Times));
        }
    }

    /// <summary>The first fault that matches <paramref name="request"/>, used up once; null when none does.</summary>
    public StandInFault? TakeFault(RecordedRequest request)
    {
        lock (gate)
        {
            var index = faults.FindIndex(f => f.Fault.Matches(request));
            if (index < 0)
            {
                return null;
            }

            var (fault, left) = faults[index];
            if (left <= 1)
            {
                faults.RemoveAt(index);
            }
            else
            {
                faults[index] = (fault, left == int.MaxValue ? left : left - 1);
            }

            return fault;
        }
    }
}

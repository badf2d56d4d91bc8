namespace FaaSr.Testing.Monitoring;

/// <summary>
/// The callers of <see cref="WorkflowMonitor.WaitForFinalAsync"/> still waiting, per instance, and how they are released:
/// with the settled state, with the final result, or with the monitor's error. Not thread-safe: the monitor calls it
/// under its lock.
/// </summary>
internal sealed class FinalStateWaiters(IReadOnlyList<InstanceTracker> trackers, TimeSpan settleTime)
{
    private readonly Dictionary<InstanceTracker, List<TaskCompletionSource<FunctionState>>> waiting = [];

    /// <summary>Registers a caller waiting for <paramref name="tracker"/> to settle.</summary>
    public TaskCompletionSource<FunctionState> Add(InstanceTracker tracker)
    {
        var waiter = new TaskCompletionSource<FunctionState>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!waiting.TryGetValue(tracker, out var list))
        {
            list = [];
            waiting[tracker] = list;
        }

        list.Add(waiter);
        return waiter;
    }

    public void Remove(InstanceTracker tracker, TaskCompletionSource<FunctionState> waiter)
    {
        if (waiting.TryGetValue(tracker, out var list))
        {
            list.Remove(waiter);
        }
    }

    /// <summary>Releases the callers of every instance that is now final with its log complete.</summary>
    public void ResolveSettled(DateTimeOffset now)
    {
        foreach (var tracker in trackers)
        {
            if (!waiting.TryGetValue(tracker, out var list) || list.Count == 0)
            {
                continue;
            }

            var state = tracker.ToState(now, settleTime);
            if (state.IsSettled)
            {
                foreach (var waiter in list)
                {
                    waiter.TrySetResult(state);
                }

                list.Clear();
            }
        }
    }

    /// <summary>Removes every waiting caller, paired with its instance's state in <paramref name="finished"/>, to release outside the lock.</summary>
    public List<(TaskCompletionSource<FunctionState> Waiter, FunctionState State)> TakeAll(MonitorResult finished)
    {
        List<(TaskCompletionSource<FunctionState> Waiter, FunctionState State)> taken = [];
        foreach (var tracker in trackers)
        {
            if (waiting.TryGetValue(tracker, out var list))
            {
                taken.AddRange(list.Select(w => (w, finished[tracker.Name])));
                list.Clear();
            }
        }

        return taken;
    }

    /// <summary>Fails every waiting caller with the error that stopped monitoring.</summary>
    public void FailAll(Exception exception)
    {
        foreach (var tracker in trackers)
        {
            if (waiting.TryGetValue(tracker, out var list))
            {
                foreach (var waiter in list)
                {
                    waiter.TrySetException(exception);
                }

                list.Clear();
            }
        }
    }
}

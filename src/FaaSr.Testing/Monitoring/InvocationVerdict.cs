using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Whether an instance that has not started is invoked, by the documented rule of docs/faasr-semantics.md, "Status rules" rather than the
/// old framework's first-invoker rule: invoked when ANY invoker instance dispatched it; pending while any invoker
/// instance is undecided; not invoked only when every invoker instance decided otherwise. An invoker decides when its
/// log is complete, or at once when it will never run (not invoked, skipped, timed out), so not_invoked spreads to
/// every descendant that nothing else can reach. An invoker that failed without dispatching it decided nothing: the
/// instance stays pending, and the failure cascade skips it and everything below it. An invoker that completed and
/// names the action outside any conditional has not decided until its dispatch line arrives, however long its
/// dispatches take (FaaSr flushes the scheduler's lines once, after the last dispatch).
/// </summary>
internal static class InvocationVerdict
{
    public static (FunctionStatus Status, string Reason) Of(
        WorkflowGraph graph, string action, IReadOnlyList<InstanceTracker> invokers, DateTimeOffset now, TimeSpan settleTime)
    {
        var undecided = new List<string>();
        var failed = new List<string>();
        var declined = new List<string>();
        foreach (var invoker in invokers)
        {
            if (invoker.Dispatched.Contains(action))
            {
                return (FunctionStatus.Invoked, $"invoked by {invoker.Name}");
            }

            if (invoker.Status is FunctionStatus.NotInvoked or FunctionStatus.Skipped or FunctionStatus.Timeout)
            {
                declined.Add($"{invoker.Name} {invoker.Status.WireName}");
            }
            else if (!invoker.IsLogComplete(now, settleTime) || (invoker.Status == FunctionStatus.Completed && AlwaysInvokes(graph, invoker.Instance.Action, action)))
            {
                undecided.Add(invoker.Name);
            }
            else if (invoker.Status == FunctionStatus.Failed)
            {
                failed.Add(invoker.Name);
            }
            else
            {
                declined.Add($"{invoker.Name} {invoker.Status.WireName} without dispatching it");
            }
        }

        return (undecided.Count, failed.Count) switch
        {
            ( > 0, _) => (FunctionStatus.Pending, $"waiting for {string.Join(", ", undecided)}"),
            (_, > 0) => (FunctionStatus.Pending, $"{string.Join(", ", failed)} failed before dispatching it"),
            _ => (FunctionStatus.NotInvoked, declined.Count > 0 ? string.Join("; ", declined) : "no invoker"),
        };
    }

    /// <summary>True when <paramref name="invoker"/>'s InvokeNext names <paramref name="action"/> outside any conditional.</summary>
    private static bool AlwaysInvokes(WorkflowGraph graph, string invoker, string action) =>
        graph.Action(invoker).InvokeNext.OfType<InvokeTarget>().Any(target => target.Action == action);
}

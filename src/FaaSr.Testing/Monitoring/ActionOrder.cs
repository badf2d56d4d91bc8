using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>The order in which the monitor decides invocations, so that not_invoked spreads to descendants in one pass.</summary>
internal static class ActionOrder
{
    /// <summary>Actions ordered so that every invoker comes before the actions it invokes.</summary>
    public static List<string> InvokersFirst(WorkflowGraph graph)
    {
        var remaining = graph.Actions.ToDictionary(a => a.Name, a => graph.InvokersOf(a.Name).Count, StringComparer.Ordinal);
        var ready = new Queue<string>(graph.Actions.Where(a => remaining[a.Name] == 0).Select(a => a.Name));
        var order = new List<string>();
        while (ready.TryDequeue(out var action))
        {
            order.Add(action);
            foreach (var successor in graph.SuccessorsOf(action))
            {
                if (--remaining[successor] == 0)
                {
                    ready.Enqueue(successor);
                }
            }
        }

        if (order.Count != graph.Actions.Count)
        {
            var cyclic = graph.Actions.Select(a => a.Name).Except(order);
            throw new InvalidOperationException($"Workflow '{graph.WorkflowName}' has a cycle through {string.Join(", ", cyclic)}; it cannot be monitored.");
        }

        return order;
    }
}

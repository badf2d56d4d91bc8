namespace FaaSr.Testing.Workflows;

/// <summary>
/// The graph rules FaaSr's check_dag applies (docs/faasr-semantics.md, "Graph rules"): FunctionInvoke is the single entry, there are no
/// loops, every action is reachable, a ranked action has exactly one predecessor and no ranked one, and an action is
/// not invoked both conditionally and unconditionally, nor conditionally by several actions.
/// Every check is linear in the number of actions and InvokeNext edges.
/// </summary>
internal static class GraphRules
{
    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        var edges = WorkflowEdges.From(document);
        var entry = document.Actions.FirstOrDefault(a => edges.Incoming(a.Name).Count == 0)?.Name;
        CheckEntry(document, entry, problems);
        CheckLoops(document, edges, problems);
        if (entry is not null)
        {
            CheckReachable(document, edges, entry, problems);
        }

        foreach (var action in document.Actions)
        {
            CheckRanked(action.Name, edges, problems);
            CheckPredecessorKinds(action.Name, edges, problems);
        }
    }

    private static void CheckEntry(WorkflowDocument document, string? entry, ProblemList problems)
    {
        var path = WorkflowPaths.Key("FunctionInvoke");
        if (entry is null && document.Actions.Count > 0)
        {
            problems.Add(null, WorkflowPaths.Key("ActionList"), "the workflow has no entry action: every action is invoked by another one");
        }

        if (document.FunctionInvoke.Length == 0)
        {
            return;
        }

        if (document.FindAction(document.FunctionInvoke) is null)
        {
            problems.Add(null, path, $"FunctionInvoke '{document.FunctionInvoke}' is not in ActionList");
        }
        else if (entry is not null && entry != document.FunctionInvoke)
        {
            problems.Add(null, path,
                $"FunctionInvoke '{document.FunctionInvoke}' must be the entry action, which is '{entry}' (the first action in " +
                $"ActionList that nothing invokes)");
        }
    }

    /// <summary>Iterative depth-first search; every edge back into the current path is a loop.</summary>
    private static void CheckLoops(WorkflowDocument document, WorkflowEdges edges, ProblemList problems)
    {
        var state = new Dictionary<string, VisitState>(StringComparer.Ordinal);
        var stack = new Stack<(string Action, int NextEdge)>();
        foreach (var start in document.Actions)
        {
            if (state.ContainsKey(start.Name))
            {
                continue;
            }

            state[start.Name] = VisitState.OnPath;
            stack.Push((start.Name, 0));
            while (stack.Count > 0)
            {
                var (action, nextEdge) = stack.Pop();
                var outgoing = edges.Outgoing(action);
                if (nextEdge == outgoing.Count)
                {
                    state[action] = VisitState.Done;
                    continue;
                }

                stack.Push((action, nextEdge + 1));
                var edge = outgoing[nextEdge];
                switch (state.GetValueOrDefault(edge.To, VisitState.Unvisited))
                {
                    case VisitState.OnPath:
                        problems.Add(action, edge.Path, $"loop found from action '{action}' to '{edge.To}'; a workflow must not cycle");
                        break;
                    case VisitState.Unvisited:
                        state[edge.To] = VisitState.OnPath;
                        stack.Push((edge.To, 0));
                        break;
                }
            }
        }
    }

    private static void CheckReachable(WorkflowDocument document, WorkflowEdges edges, string entry, ProblemList problems)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { entry };
        var queue = new Queue<string>([entry]);
        while (queue.TryDequeue(out var action))
        {
            foreach (var edge in edges.Outgoing(action))
            {
                if (reached.Add(edge.To))
                {
                    queue.Enqueue(edge.To);
                }
            }
        }

        foreach (var action in document.Actions.Where(a => !reached.Contains(a.Name)))
        {
            var why = edges.Incoming(action.Name).Count == 0
                ? "nothing invokes it, and a workflow has a single entry"
                : "only unreachable actions invoke it";
            problems.Add(action.Name, WorkflowPaths.Action(action.Name), $"unreachable from the entry action '{entry}' ({why})");
        }
    }

    private static void CheckRanked(string action, WorkflowEdges edges, ProblemList problems)
    {
        if (edges.MaxRank(action) <= 1)
        {
            return;
        }

        var incoming = edges.Incoming(action);
        if (incoming.Count > 1)
        {
            var invocations = string.Join(", ", incoming.Select(e => $"'{e.Target}' by '{e.From}'"));
            problems.Add(action, WorkflowPaths.Action(action),
                $"a ranked action must have exactly one predecessor, but it is invoked {incoming.Count} times: {invocations}");
        }

        foreach (var rankedPredecessor in incoming.Select(e => e.From).Distinct(StringComparer.Ordinal).Where(p => edges.MaxRank(p) > 1))
        {
            problems.Add(action, WorkflowPaths.Action(action),
                $"a ranked action may not follow another ranked action, but its predecessor '{rankedPredecessor}' is ranked " +
                $"({edges.MaxRank(rankedPredecessor)} instances)");
        }
    }

    private static void CheckPredecessorKinds(string action, WorkflowEdges edges, ProblemList problems)
    {
        var incoming = edges.Incoming(action);
        var conditionally = incoming.Where(e => e.IsConditional).Select(e => e.From).Distinct(StringComparer.Ordinal).ToList();
        if (conditionally.Count == 0)
        {
            return;
        }

        var unconditionally = incoming.Where(e => !e.IsConditional).Select(e => e.From).Distinct(StringComparer.Ordinal).ToList();
        if (unconditionally.Count > 0)
        {
            problems.Add(action, WorkflowPaths.Action(action),
                $"invoked both conditionally (by {Quote(conditionally)}) and unconditionally (by {Quote(unconditionally)})");
        }

        if (conditionally.Count > 1)
        {
            problems.Add(action, WorkflowPaths.Action(action), $"invoked conditionally by more than one action ({Quote(conditionally)})");
        }
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private enum VisitState
    {
        Unvisited,
        OnPath,
        Done,
    }
}

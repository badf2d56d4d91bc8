namespace FaaSr.Testing.Workflows;

/// <summary>
/// Every InvokeNext edge between actions of ActionList (both branches of conditionals; targets that are not actions
/// are left to <see cref="InvokeNextRules"/>), indexed by source and by target.
/// </summary>
internal sealed class WorkflowEdges
{
    private readonly Dictionary<string, List<WorkflowEdge>> outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WorkflowEdge>> incoming = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> maxRanks = new(StringComparer.Ordinal);

    private WorkflowEdges()
    {
    }

    public static WorkflowEdges From(WorkflowDocument document)
    {
        var edges = new WorkflowEdges();
        foreach (var action in document.Actions)
        {
            edges.outgoing.TryAdd(action.Name, []);
            edges.incoming.TryAdd(action.Name, []);
        }

        foreach (var action in document.Actions)
        {
            for (var i = 0; i < action.InvokeNext.Count; i++)
            {
                switch (action.InvokeNext[i])
                {
                    case InvokeTarget target:
                        edges.Add(action.Name, target, false, i);
                        break;
                    case ConditionalInvoke conditional:
                        foreach (var target in conditional.AllTargets)
                        {
                            edges.Add(action.Name, target, true, i);
                        }

                        break;
                }
            }
        }

        return edges;
    }

    public IReadOnlyList<WorkflowEdge> Outgoing(string action) => outgoing.TryGetValue(action, out var list) ? list : [];

    public IReadOnlyList<WorkflowEdge> Incoming(string action) => incoming.TryGetValue(action, out var list) ? list : [];

    /// <summary>The largest rank any edge gives the action; 1 when it is never ranked.</summary>
    public int MaxRank(string action) => maxRanks.GetValueOrDefault(action, 1);

    private void Add(string from, InvokeTarget target, bool isConditional, int itemIndex)
    {
        if (!incoming.TryGetValue(target.Action, out var into))
        {
            return;
        }

        var edge = new WorkflowEdge(from, target, isConditional, itemIndex);
        outgoing[from].Add(edge);
        into.Add(edge);
        maxRanks[target.Action] = Math.Max(MaxRank(target.Action), target.Rank);
    }
}

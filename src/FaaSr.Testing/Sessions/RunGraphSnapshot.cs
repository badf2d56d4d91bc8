using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>The shape of a workflow as a run's report draws it: each action with its rank count and the actions it may invoke.</summary>
public sealed record RunGraphSnapshot(string WorkflowName, string EntryAction, IReadOnlyList<RunGraphAction> Actions)
{
    public static RunGraphSnapshot From(WorkflowGraph graph) => new(
        graph.WorkflowName,
        graph.EntryAction,
        graph.Actions.Select(a => new RunGraphAction(a.Name, graph.MaxRank(a.Name), graph.SuccessorsOf(a.Name))).ToArray());
}

/// <summary>One action of a <see cref="RunGraphSnapshot"/>.</summary>
public sealed record RunGraphAction(string Name, int Ranks, IReadOnlyList<string> Successors);

namespace FaaSr.Testing.Monitoring;

/// <summary>One instance in a <see cref="RunRecord"/>.</summary>
public sealed record RunRecordFunction
{
    /// <summary>The instance name: "sync1", "test-rank(3)".</summary>
    public required string Name { get; init; }

    public required FunctionStatus Status { get; init; }

    /// <summary>Why it has its status ("log created", "ERROR logged: ...").</summary>
    public string? Reason { get; init; }

    public DateTimeOffset? InvokedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required string LogKey { get; init; }

    /// <summary>The instances whose logs dispatched it; empty for the entry action and for what nothing invoked.</summary>
    public IReadOnlyList<string> InvokedBy { get; init; } = [];

    /// <summary>The compute's page for this instance (a GitHub Actions run); null when the compute has none.</summary>
    public string? RunUrl { get; init; }

    /// <summary>Its status changes in the order the monitor saw them.</summary>
    public IReadOnlyList<RunRecordTransition> Transitions { get; init; } = [];

    /// <summary>
    /// The record of <paramref name="state"/>: who invoked it from <see cref="InvokersByAction"/>, its transitions from
    /// the lookup of every instance's (in order), both computed once for a whole record, so a record of n instances
    /// costs O(n + transitions), not O(n²): a 1,000-instance run's record is rebuilt on every change while it is watched.
    /// </summary>
    public static RunRecordFunction From(
        FunctionState state,
        IReadOnlyDictionary<string, string[]> invokersByAction,
        ILookup<string, FunctionTransition> transitionsByInstance,
        Func<string, string?> runUrlOf) => new()
    {
        Name = state.Name,
        Status = state.Status,
        Reason = state.Reason,
        InvokedAt = state.InvokedAt,
        StartedAt = state.StartedAt,
        FinishedAt = state.FinishedAt,
        LogKey = state.LogKey,
        InvokedBy = invokersByAction.TryGetValue(state.Instance.Action, out var invokers) ? invokers : [],
        RunUrl = runUrlOf(state.Name),
        Transitions = transitionsByInstance[state.Name].Select(RunRecordTransition.Of).ToArray(),
    };

    /// <summary>For each action some instance dispatched, the names of the instances that did, in the order of <paramref name="all"/>.</summary>
    public static IReadOnlyDictionary<string, string[]> InvokersByAction(IReadOnlyList<FunctionState> all) =>
        all.SelectMany(invoker => invoker.Dispatched.Select(action => (Action: action, Invoker: invoker.Name)))
            .GroupBy(d => d.Action, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Invoker).ToArray(), StringComparer.Ordinal);
}

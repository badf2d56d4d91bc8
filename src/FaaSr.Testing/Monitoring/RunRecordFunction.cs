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
    /// The record of <paramref name="state"/>: who invoked it comes from the other instances' dispatch lines in
    /// <paramref name="all"/>, its transitions from <paramref name="transitions"/> (those of every instance, in order).
    /// </summary>
    public static RunRecordFunction From(
        FunctionState state,
        IReadOnlyList<FunctionState> all,
        IReadOnlyList<FunctionTransition> transitions,
        Func<string, string?> runUrlOf) => new()
    {
        Name = state.Name,
        Status = state.Status,
        Reason = state.Reason,
        InvokedAt = state.InvokedAt,
        StartedAt = state.StartedAt,
        FinishedAt = state.FinishedAt,
        LogKey = state.LogKey,
        InvokedBy = all.Where(invoker => invoker.Dispatched.Contains(state.Instance.Action)).Select(invoker => invoker.Name).ToArray(),
        RunUrl = runUrlOf(state.Name),
        Transitions = transitions.Where(t => t.Instance == state.Name).Select(RunRecordTransition.Of).ToArray(),
    };
}

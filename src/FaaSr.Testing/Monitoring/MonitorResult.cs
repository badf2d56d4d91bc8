using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>The end of one monitoring run: every instance's last state and every transition on the way.</summary>
public sealed record MonitorResult
{
    public required string WorkflowName { get; init; }

    public required InvocationFolder Folder { get; init; }

    public required MonitorOutcome Outcome { get; init; }

    /// <summary>"All functions completed", "Failure detected in test-rank(3) and all active loggers completed", ...</summary>
    public required string Message { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>Every instance in workflow order.</summary>
    public required IReadOnlyList<FunctionState> Functions { get; init; }

    public required IReadOnlyList<FunctionTransition> Transitions { get; init; }

    /// <summary>Observation cycles run (one LIST of the invocation folder each, failed ones included).</summary>
    public required int Cycles { get; init; }

    /// <summary>True when every instance completed or was not invoked.</summary>
    public bool Succeeded => Functions.All(f => f.Status.HasCompleted);

    public FunctionState this[string instanceName] =>
        Functions.FirstOrDefault(f => f.Name == instanceName)
        ?? throw new KeyNotFoundException($"No function instance '{instanceName}' in workflow '{WorkflowName}'. Known: {string.Join(", ", Functions.Select(f => f.Name))}.");
}

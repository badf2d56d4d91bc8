namespace FaaSr.Testing.Monitoring;

/// <summary>
/// How long one instance may take to reach each stage, like a test that waits for every state in turn. A stage
/// counts as reached when the instance reached it or any later one. Null leaves a stage unbounded (the inactivity
/// timeout still applies). Exceeding one turns the instance into <see cref="FunctionStatus.Timeout"/> and stops the run.
/// </summary>
public sealed record StageDeadlines
{
    /// <summary>From the start of monitoring until an invoker dispatched it (or its log appeared).</summary>
    public TimeSpan? InvokedWithin { get; init; }

    /// <summary>From its invocation until its log appears.</summary>
    public TimeSpan? RunningWithin { get; init; }

    /// <summary>From the appearance of its log until it is completed or failed.</summary>
    public TimeSpan? CompletedWithin { get; init; }
}

namespace FaaSr.Testing.Monitoring;

/// <summary>One instance in a <see cref="RunRecord"/>.</summary>
public sealed record RunRecordFunction
{
    /// <summary>The instance name: "sync1", "test-rank(3)".</summary>
    public required string Name { get; init; }

    public required FunctionStatus Status { get; init; }

    public DateTimeOffset? InvokedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required string LogKey { get; init; }

    public static RunRecordFunction From(FunctionState state) => new()
    {
        Name = state.Name,
        Status = state.Status,
        InvokedAt = state.InvokedAt,
        StartedAt = state.StartedAt,
        FinishedAt = state.FinishedAt,
        LogKey = state.LogKey,
    };
}

using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>What happened to one function instance in a local run, with the executor's own timestamps.</summary>
public sealed record InstanceOutcome(FunctionInstance Instance, InstanceState State, string? Reason)
{
    /// <summary>When the instance's action started (time 0 of its log).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the function's process was started.</summary>
    public DateTimeOffset? ProcessStartedAt { get; init; }

    /// <summary>When the .done object was written.</summary>
    public DateTimeOffset? CompletionWrittenAt { get; init; }

    /// <summary>When the last log flush ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    public static InstanceOutcome NotRun(FunctionInstance instance, string reason) => new(instance, InstanceState.NotRun, reason);
}

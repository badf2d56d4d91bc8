using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Reporting.Runs;

/// <summary>One instance of a <see cref="RecordedRun"/>.</summary>
public sealed record RecordedFunction
{
    /// <summary>"sync1", "test-rank(3)".</summary>
    public required string Name { get; init; }

    public required FunctionStatus Status { get; init; }

    public DateTimeOffset? InvokedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string LogKey { get; init; } = "";

    /// <summary>Why it has its final status, when the record says.</summary>
    public string? Reason { get; init; }

    /// <summary>The instances that invoked it, when the record says.</summary>
    public IReadOnlyList<string> InvokedBy { get; init; } = [];

    /// <summary>The GitHub Actions run (or other compute's page) that ran it, when there is one.</summary>
    public string? RunUrl { get; init; }

    /// <summary>Its status changes in order, when the record keeps them.</summary>
    public IReadOnlyList<RecordedTransition> Transitions { get; init; } = [];

    /// <summary>The action: "test-rank" for "test-rank(3)".</summary>
    public string Action => Workflows.FunctionInstance.ParseName(Name).Action;

    public int? Rank => Workflows.FunctionInstance.ParseName(Name).Rank;
}

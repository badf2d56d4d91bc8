using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// What one run left behind, as `faasr-it run --record FILE` writes it (README.md, "The CLI"): camelCase JSON,
/// lowercase statuses, ISO 8601 UTC times.
/// </summary>
public sealed record RunRecord
{
    public required string WorkflowName { get; init; }

    public required string InvocationId { get; init; }

    /// <summary>The invocation folder prefix: {FaaSrLog}/{WorkflowName}/{InvocationTimestamp}/{InvocationID}.</summary>
    public required string InvocationFolder { get; init; }

    /// <summary>The profile the run used ("local", "cloud", ...).</summary>
    public required string Profile { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When monitoring ended; null while the run is still being watched.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    public required IReadOnlyList<RunRecordFunction> Functions { get; init; }

    /// <summary>The record of a finished monitoring run.</summary>
    public static RunRecord From(MonitorResult result, string profile) => new()
    {
        WorkflowName = result.WorkflowName,
        InvocationId = result.Folder.InvocationId,
        InvocationFolder = result.Folder.Prefix,
        Profile = profile,
        StartedAt = result.StartedAt,
        FinishedAt = result.FinishedAt,
        Functions = result.Functions.Select(RunRecordFunction.From).ToArray(),
    };

    /// <summary>
    /// The record of a run whose watching ended without a monitor result (storage failed, the run was stopped): it
    /// gets its finish time, and an instance still pending, invoked or running becomes skipped, so a finished record
    /// never shows an instance as if it were still going.
    /// </summary>
    public RunRecord EndedAt(DateTimeOffset finishedAt) => this with
    {
        FinishedAt = finishedAt,
        Functions = Functions.Select(f => f.Status.IsFinal ? f : f with { Status = FunctionStatus.Skipped }).ToArray(),
    };

    /// <summary>The record of a run still being watched: the states of a monitor snapshot, no finish time.</summary>
    public static RunRecord InProgress(InvocationFolder folder, string profile, DateTimeOffset startedAt, IReadOnlyList<FunctionState> functions) => new()
    {
        WorkflowName = folder.WorkflowName,
        InvocationId = folder.InvocationId,
        InvocationFolder = folder.Prefix,
        Profile = profile,
        StartedAt = startedAt,
        FinishedAt = null,
        Functions = functions.Select(RunRecordFunction.From).ToArray(),
    };
}

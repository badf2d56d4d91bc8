using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// What one run left behind, as `faasr-it run --record FILE` writes it (README.md, "The CLI"): camelCase JSON,
/// lowercase statuses, ISO 8601 UTC times with milliseconds.
/// </summary>
public sealed record RunRecord
{
    public required string WorkflowName { get; init; }

    public required string InvocationId { get; init; }

    /// <summary>The invocation folder prefix: {FaaSrLog}/{WorkflowName}/{InvocationTimestamp}/{InvocationID}.</summary>
    public required string InvocationFolder { get; init; }

    /// <summary>The profile the run used ("local", "cloud", ...).</summary>
    public required string Profile { get; init; }

    /// <summary>The storage's name ("local", "workflow", "endpoint", or a test's own); null in older records.</summary>
    public string? Storage { get; init; }

    /// <summary>The compute's name ("emulated", "faasr", "github", or a test's own); null in older records.</summary>
    public string? Compute { get; init; }

    /// <summary>A page for the whole run (the compute's); null when there is none.</summary>
    public string? RunUrl { get; init; }

    /// <summary>The FaaSr code the compute ran (name, location, commit); null when it ran none.</summary>
    public IReadOnlyList<RunRecordSource>? Sources { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When monitoring ended; null while the run is still being watched.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    public required IReadOnlyList<RunRecordFunction> Functions { get; init; }

    /// <summary>The record of a finished monitoring run.</summary>
    public static RunRecord From(MonitorResult result, RunRecordContext context) =>
        Of(result.Folder, context, result.StartedAt, result.FinishedAt, result.Functions, result.Transitions);

    /// <summary>The record of a run still being watched: the states and transitions of a monitor snapshot, no finish time.</summary>
    public static RunRecord InProgress(
        InvocationFolder folder,
        RunRecordContext context,
        DateTimeOffset startedAt,
        IReadOnlyList<FunctionState> functions,
        IReadOnlyList<FunctionTransition> transitions) =>
        Of(folder, context, startedAt, null, functions, transitions);

    /// <summary>
    /// The record of a run whose watching ended without a monitor result (storage failed, the run was stopped): it
    /// gets its finish time, and an instance still pending, invoked or running becomes skipped, so a finished record
    /// never shows an instance as if it were still going.
    /// </summary>
    public RunRecord EndedAt(DateTimeOffset finishedAt) => this with
    {
        FinishedAt = finishedAt,
        Functions = Functions
            .Select(f => f.Status.IsFinal ? f : f with { Status = FunctionStatus.Skipped, Reason = "monitoring ended before it finished" })
            .ToArray(),
    };

    private static RunRecord Of(
        InvocationFolder folder,
        RunRecordContext context,
        DateTimeOffset startedAt,
        DateTimeOffset? finishedAt,
        IReadOnlyList<FunctionState> functions,
        IReadOnlyList<FunctionTransition> transitions)
    {
        var invokers = RunRecordFunction.InvokersByAction(functions);
        var transitionsByInstance = transitions.ToLookup(t => t.Instance, StringComparer.Ordinal);
        return new()
        {
            WorkflowName = folder.WorkflowName,
            InvocationId = folder.InvocationId,
            InvocationFolder = folder.Prefix,
            Profile = context.Profile,
            Storage = context.Storage,
            Compute = context.Compute,
            RunUrl = context.RunUrl,
            Sources = context.Sources.Count == 0 ? null : context.Sources,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Functions = functions.Select(f => RunRecordFunction.From(f, invokers, transitionsByInstance, context.RunUrlOf)).ToArray(),
        };
    }
}

namespace FaaSr.Testing.Reporting.Runs;

/// <summary>
/// A run record as the report reads it (artifacts/runs/{workflow}-{invocationId}.json): the fields every record has,
/// and the ones newer records add (storage, compute, runUrl; per instance reason, invokedBy, runUrl, transitions)
/// when they are present.
/// </summary>
public sealed record RecordedRun
{
    public required string WorkflowName { get; init; }

    public required string InvocationId { get; init; }

    public string InvocationFolder { get; init; } = "";

    public string Profile { get; init; } = "";

    /// <summary>Where the objects lived ("local", an endpoint); null when the record does not say.</summary>
    public string? Storage { get; init; }

    /// <summary>What ran the functions ("emulated", "faasr", "github"); null when the record does not say.</summary>
    public string? Compute { get; init; }

    /// <summary>Which FaaSr sources ran ("FaaSr-Backend at /src/backend, commit 1a2b3c"), when the record says.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>A link for the whole run (a GitHub Actions run); null when there is none.</summary>
    public string? RunUrl { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public required IReadOnlyList<RecordedFunction> Functions { get; init; }

    /// <summary>The record file.</summary>
    public required string Source { get; init; }
}

namespace FaaSr.Testing.Reporting.Model;

/// <summary>One workflow run of the report: its summary, graph, timeline, logs, objects and links.</summary>
public sealed record RunSection
{
    /// <summary>An HTML id made by the report ("run-3"), never from recorded text.</summary>
    public required string Id { get; init; }

    public required string WorkflowName { get; init; }

    public required string InvocationId { get; init; }

    public required IReadOnlyList<HeaderField> Fields { get; init; }

    public required RunVerdict Verdict { get; init; }

    public required string VerdictLabel { get; init; }

    /// <summary>The CSS class of the verdict: passed, expected, failed, unfinished.</summary>
    public string VerdictClass => VerdictRules.CssClass(Verdict);

    /// <summary>"12 completed, 2 not_invoked".</summary>
    public required string StatusCounts { get; init; }

    /// <summary>The tests that exercised this run ("FailingWorkflowTests: 3 passed").</summary>
    public required string TestsSummary { get; init; }

    public required GraphView Graph { get; init; }

    public required TimelineView Timeline { get; init; }

    public required IReadOnlyList<LogGroup> Logs { get; init; }

    /// <summary>Null when the run's objects were not recorded.</summary>
    public required IReadOnlyList<ObjectRow>? Objects { get; init; }

    public required string ObjectsNote { get; init; }

    public required IReadOnlyList<LinkView> Links { get; init; }
}

/// <summary>A link to a page outside the report (a GitHub Actions run); only http(s) addresses become links.</summary>
public sealed record LinkView(string Label, string Url);

/// <summary>An object the run left.</summary>
public sealed record ObjectRow(string Store, string Key, string Size);

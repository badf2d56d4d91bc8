using FaaSr.Testing.Reporting.Rendering;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>Everything the report template shows, every text already masked; the template escapes it as it writes.</summary>
public sealed record ReportPage
{
    public required string Title { get; init; }

    public required string GeneratedAt { get; init; }

    public required IReadOnlyList<HeaderField> Header { get; init; }

    public required IReadOnlyList<Counter> Counters { get; init; }

    public required IReadOnlyList<TestRow> Tests { get; init; }

    public required IReadOnlyList<RunSection> Runs { get; init; }

    /// <summary>The tests and runs as JSON for the page's script (sorting, filtering).</summary>
    public required TrustedHtml Data { get; init; }

    public required TrustedHtml Css { get; init; }

    public required TrustedHtml Script { get; init; }
}

/// <summary>One "label: value" of the header.</summary>
public sealed record HeaderField(string Label, string Value);

/// <summary>One counter of the summary bar; <see cref="Kind"/> is a CSS class (passed, failed, skipped, expected, neutral).</summary>
public sealed record Counter(string Label, string Value, string Kind);

namespace FaaSr.Testing.Reporting.Model;

/// <summary>One test of the table. <see cref="Outcome"/> is "passed", "failed" or "skipped"; failures are shown expanded.</summary>
public sealed record TestRow
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    public required string ClassName { get; init; }

    public required string Outcome { get; init; }

    public required string Duration { get; init; }

    public required long DurationMs { get; init; }

    public required string Source { get; init; }

    public string Message { get; init; } = "";

    public string StackTrace { get; init; } = "";

    public string StdOut { get; init; } = "";

    public bool HasDetail => Message.Length > 0 || StackTrace.Length > 0 || StdOut.Length > 0;

    public bool Expanded => Outcome == "failed";
}

namespace FaaSr.Testing.Reporting.Model;

/// <summary>Every instance from invoked to finished on one time axis; ranks of one action are grouped under one row.</summary>
public sealed record TimelineView(string Span, IReadOnlyList<TimelineTick> Ticks, IReadOnlyList<TimelineRow> Rows);

/// <summary>An axis label at <see cref="Left"/> percent.</summary>
public sealed record TimelineTick(string Left, string Label);

/// <summary>
/// One bar: waiting from invoked to started (<see cref="WaitLeft"/>, <see cref="WaitWidth"/>, percent of the axis),
/// running from started to finished (<see cref="RunLeft"/>, <see cref="RunWidth"/>). A group row (a ranked action)
/// spans its ranks: the wait bar from the first invocation to the last finish, the run bar from the median start to
/// the median finish; its ranks are its <see cref="Children"/>.
/// </summary>
public sealed record TimelineRow
{
    public required string Label { get; init; }

    public required string Status { get; init; }

    public required string WaitLeft { get; init; }

    public required string WaitWidth { get; init; }

    public required string RunLeft { get; init; }

    public required string RunWidth { get; init; }

    public required string Title { get; init; }

    public IReadOnlyList<TimelineRow> Children { get; init; } = [];

    public bool IsGroup => Children.Count > 0;
}

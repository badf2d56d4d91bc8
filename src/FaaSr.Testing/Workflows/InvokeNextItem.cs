namespace FaaSr.Testing.Workflows;

/// <summary>An item of an action's InvokeNext list: a (possibly ranked) target, or a True/False conditional.</summary>
public abstract record InvokeNextItem;

/// <summary>"b" (Rank 1, not ranked) or "b(3)" (Rank 3, three instances).</summary>
public sealed record InvokeTarget(string Action, int Rank, bool IsRanked) : InvokeNextItem
{
    public static InvokeTarget Plain(string action) => new(action, 1, false);

    public static InvokeTarget Ranked(string action, int rank) => new(action, rank, true);

    public override string ToString() => IsRanked ? $"{Action}({Rank})" : Action;
}

/// <summary>{"True": [...], "False": [...]}: the branch is chosen by the function's boolean return value.</summary>
public sealed record ConditionalInvoke(IReadOnlyList<InvokeTarget> WhenTrue, IReadOnlyList<InvokeTarget> WhenFalse) : InvokeNextItem
{
    public IReadOnlyList<InvokeTarget> Branch(bool value) => value ? WhenTrue : WhenFalse;

    /// <summary>"True" and/or "False" when the file leaves that key out (FaaSr 2.1 then crashes on that return value).</summary>
    public IReadOnlyList<string> AbsentBranches { get; init; } = [];

    public IEnumerable<InvokeTarget> AllTargets => WhenTrue.Concat(WhenFalse);
}

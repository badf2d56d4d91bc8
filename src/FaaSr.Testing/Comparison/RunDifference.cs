namespace FaaSr.Testing.Comparison;

/// <summary>One way two runs differ: the instance or object it is about, and what each run had.</summary>
public sealed record RunDifference(string Subject, string Left, string Right)
{
    public override string ToString() => $"{Subject}: {Left} | {Right}";
}

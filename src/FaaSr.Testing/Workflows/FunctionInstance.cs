namespace FaaSr.Testing.Workflows;

/// <summary>
/// One run of an action: "sync1", or "test-rank(3)" for rank 3 of a ranked action.
/// <see cref="Name"/> is what logs use; <see cref="CompletionName"/> is the .done base name ("test-rank.3").
/// </summary>
public sealed record FunctionInstance(string Action, int? Rank, int MaxRank)
{
    public static FunctionInstance Unranked(string action) => new(action, null, 1);

    public string Name => Rank is { } r ? $"{Action}({r})" : Action;

    public string CompletionName => Rank is { } r ? $"{Action}.{r}" : Action;

    public bool IsRanked => Rank is not null;

    public override string ToString() => Name;

    /// <summary>Parses "f" or "f(3)" into an action name and an optional rank.</summary>
    public static (string Action, int? Rank) ParseName(string name)
    {
        var open = name.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && name.EndsWith(')') && int.TryParse(name.AsSpan(open + 1, name.Length - open - 2), out var rank))
        {
            return (name[..open], rank);
        }

        return (name, null);
    }
}

using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// One row of a run's table: every instance of one action. A ranked action of many ranks is one row
/// ("work(1..1000)") whose status is its counts per status; a single-instance action is its instance's own row.
/// </summary>
internal sealed record ActionRow(string Label, IReadOnlyList<RunRecordFunction> Instances)
{
    /// <summary>What the rows of a too-short table are chosen by: failures, then what is going, then the rest.</summary>
    private static readonly FunctionStatus[] RelevanceOrder =
    [
        FunctionStatus.Failed, FunctionStatus.Timeout, FunctionStatus.Running, FunctionStatus.Invoked, FunctionStatus.Skipped,
        FunctionStatus.Pending, FunctionStatus.Completed, FunctionStatus.NotInvoked,
    ];

    public bool IsSingle => Instances.Count == 1;

    /// <summary>The rows of <paramref name="run"/>, one per action, in the record's order (the workflow's).</summary>
    public static IReadOnlyList<ActionRow> Of(RunRecord run) => Of(run.Functions);

    /// <summary>The rows of <paramref name="functions"/>, one per action, in the order the actions first appear.</summary>
    public static IReadOnlyList<ActionRow> Of(IReadOnlyList<RunRecordFunction> functions)
    {
        var byAction = new Dictionary<string, List<RunRecordFunction>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var function in functions)
        {
            var action = FunctionInstance.ParseName(function.Name).Action;
            if (!byAction.TryGetValue(action, out var instances))
            {
                byAction[action] = instances = [];
                order.Add(action);
            }

            instances.Add(function);
        }

        return order.Select(action => Row(action, byAction[action])).ToArray();
    }

    /// <summary>The most relevant status among the instances (failed before running before completed): the row's rank when rows must be dropped.</summary>
    public int Relevance => Instances.Min(f => Array.IndexOf(RelevanceOrder, f.Status));

    /// <summary>True when every instance has a final status.</summary>
    public bool IsFinal => Instances.All(f => f.Status.IsFinal);

    /// <summary>The earliest time of the instances, or null when none has one.</summary>
    public DateTimeOffset? Earliest(Func<RunRecordFunction, DateTimeOffset?> time) => Instances.Min(time);

    /// <summary>The latest finish, once every instance is final.</summary>
    public DateTimeOffset? Finished => IsFinal ? Instances.Max(f => f.FinishedAt) : null;

    private static ActionRow Row(string action, List<RunRecordFunction> instances)
    {
        if (instances.Count == 1)
        {
            return new ActionRow(instances[0].Name, instances);
        }

        var ranks = instances.Select(f => FunctionInstance.ParseName(f.Name).Rank ?? 0).ToArray();
        return new ActionRow($"{action}({ranks.Min()}..{ranks.Max()})", instances);
    }
}

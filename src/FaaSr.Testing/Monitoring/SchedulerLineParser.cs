using System.Text.RegularExpressions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Recognises the scheduler's success line of every FaaS type in <see cref="FaaSTypes"/>, not only GitHub Actions
/// (the first framework's first bug), plus "no triggers for x". A leading "{WorkflowName}-" is removed from the name
/// unless that would turn a known action name into an unknown one.
/// </summary>
public sealed partial class SchedulerLineParser
{
    private const string Name = "(?<name>[A-Za-z][A-Za-z0-9-]*)";

    /// <summary>One alternative per FaaS type, group "t{index into FaaSTypes.All}", then the action's name.</summary>
    private static readonly Regex Dispatch = new(
        "(?:" + string.Join('|', FaaSTypes.All.Select((type, index) => $"(?<t{index}>{type.DispatchPattern})")) + ")" + Name,
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private readonly string workflowPrefix;
    private readonly IReadOnlySet<string> knownActions;

    /// <param name="workflowName">The workflow's WorkflowName.</param>
    /// <param name="knownActions">The workflow's action names, used to resolve the prefix; empty to always strip it.</param>
    public SchedulerLineParser(string workflowName, IEnumerable<string> knownActions)
    {
        workflowPrefix = workflowName + "-";
        this.knownActions = knownActions.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The scheduler line in the entry's first line, or null when it is not one.</summary>
    public SchedulerLine? Parse(LogEntry entry)
    {
        var line = entry.FirstLine;
        if (!LogLinePatterns.StartsEntry(line))
        {
            return null;
        }

        var dispatch = Dispatch.Match(line);
        if (dispatch.Success)
        {
            return new DispatchLine(ActionName(dispatch.Groups["name"].Value), FaaSTypeOf(dispatch).Name);
        }

        var noTriggers = NoTriggers().Match(line);
        return noTriggers.Success ? new NoTriggersLine(ActionName(noTriggers.Groups["name"].Value)) : null;
    }

    private string ActionName(string logged)
    {
        if (!logged.StartsWith(workflowPrefix, StringComparison.Ordinal) || logged.Length == workflowPrefix.Length)
        {
            return logged;
        }

        var stripped = logged[workflowPrefix.Length..];
        var keepWhole = knownActions.Count > 0 && knownActions.Contains(logged) && !knownActions.Contains(stripped);
        return keepWhole ? logged : stripped;
    }

    private static FaaSType FaaSTypeOf(Match match) =>
        FaaSTypes.All.Where((_, index) => match.Groups[$"t{index}"].Success).First();

    [GeneratedRegex("no triggers for " + Name, RegexOptions.CultureInvariant)]
    private static partial Regex NoTriggers();
}

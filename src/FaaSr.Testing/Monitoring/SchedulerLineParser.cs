using System.Text.RegularExpressions;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Recognises the scheduler's success lines of every FaaS type, not only GitHub Actions (the old framework's first
/// bug): GitHub Actions, Lambda, OpenWhisk ("Succesfully", sic), GoogleCloud ("{WorkflowName}-{action}"), SLURM
/// ("submitted job: x (Job ID: n)") and Kubernetes, plus "no triggers for x". A leading "{WorkflowName}-" is removed
/// from the name unless that would turn a known action name into an unknown one.
/// </summary>
public sealed partial class SchedulerLineParser
{
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

        var dispatch = Dispatch().Match(line);
        if (dispatch.Success)
        {
            return new DispatchLine(ActionName(dispatch.Groups["name"].Value), FaaSTypeOf(dispatch));
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

    private static string FaaSTypeOf(Match match) =>
        match.Groups["gh"].Success ? "GitHubActions"
        : match.Groups["lambda"].Success ? "Lambda"
        : match.Groups["ow"].Success ? "OpenWhisk"
        : match.Groups["gcp"].Success ? "GoogleCloud"
        : match.Groups["slurm"].Success ? "SLURM"
        : "Kubernetes";

    private const string Name = "(?<name>[A-Za-z][A-Za-z0-9-]*)";

    [GeneratedRegex(
        "(?:(?<gh>GitHub Action: Successfully invoked: )" +
        "|(?<lambda>Lambda: Successfully invoked: )" +
        "|(?<ow>OpenWhisk: Succes{1,2}fully invoked:? )" +
        "|(?<gcp>GoogleCloud: Successfully invoked:? )" +
        "|(?<slurm>SLURM: Successfully submitted job: )" +
        "|(?<k8s>Kubernetes: Successfully (?:invoked|submitted jobs?|created jobs?):? ))" + Name,
        RegexOptions.CultureInvariant)]
    private static partial Regex Dispatch();

    [GeneratedRegex("no triggers for " + Name, RegexOptions.CultureInvariant)]
    private static partial Regex NoTriggers();
}

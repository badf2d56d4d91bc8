using FaaSr.Testing.Reporting.Model;

namespace FaaSr.Testing.Reporting.Ci;

/// <summary>
/// One GitHub Actions error annotation (a "::error title=...::message" workflow command) per function that failed or
/// timed out in a run that did not fail as expected, and one per failed test.
/// </summary>
public static class GitHubAnnotations
{
    public static IEnumerable<string> ErrorLines(ReportPage page)
    {
        foreach (var run in page.Runs.Where(r => r.Verdict is RunVerdict.Failed or RunVerdict.Unfinished))
        {
            foreach (var instance in run.Logs.SelectMany(g => g.Instances).Where(i => i.Status is "failed" or "timeout"))
            {
                var reason = instance.Reason.Length > 0 ? instance.Reason : instance.StatusLabel;
                yield return Error($"{run.WorkflowName}: {instance.Name} {instance.StatusLabel}", $"{run.WorkflowName} {run.InvocationId}: {instance.Name} {instance.StatusLabel}: {reason}{LastLines(instance.Text)}");
            }
        }

        foreach (var test in page.Tests.Where(t => t.Outcome == "failed"))
        {
            yield return Error($"Test failed: {test.Name}", $"{test.ClassName}.{test.Name}: {test.Message}");
        }
    }

    public static string Error(string title, string message) => $"::error title={Property(title)}::{Data(message)}";

    private static string LastLines(string log)
    {
        var lines = log.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        return log.Length == 0 ? "" : "\n" + string.Join("\n", lines.TakeLast(5));
    }

    // The escapes GitHub's workflow-command parser undoes: data may hold any text; properties also ':' and ','.
    private static string Data(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}

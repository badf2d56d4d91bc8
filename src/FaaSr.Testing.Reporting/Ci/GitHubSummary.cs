using System.Text;
using FaaSr.Testing.Reporting.Model;

namespace FaaSr.Testing.Reporting.Ci;

/// <summary>The Markdown job summary for GitHub Actions (appended to $GITHUB_STEP_SUMMARY): the counters, the failed tests and the runs that failed.</summary>
public static class GitHubSummary
{
    /// <summary>At most this many failed tests are listed; the report has them all.</summary>
    public const int MaxFailedTests = 50;

    public static string Markdown(ReportPage page)
    {
        var text = new StringBuilder();
        text.AppendLine("## faasr-it report").AppendLine();
        text.AppendLine("| " + string.Join(" | ", page.Counters.Select(c => Cell(c.Label))) + " |");
        text.AppendLine("|" + string.Concat(page.Counters.Select(_ => " ---: |")));
        text.AppendLine("| " + string.Join(" | ", page.Counters.Select(c => Cell(c.Value))) + " |").AppendLine();
        text.AppendLine(string.Join(" · ", page.Header.Select(h => $"{Cell(h.Label)}: `{Code(h.Value)}`"))).AppendLine();

        var failed = page.Tests.Where(t => t.Outcome == "failed").ToArray();
        if (failed.Length > 0)
        {
            text.AppendLine($"### Failed tests ({failed.Length})").AppendLine();
            text.AppendLine("| Test | Class | Message |").AppendLine("| --- | --- | --- |");
            foreach (var test in failed.Take(MaxFailedTests))
            {
                text.AppendLine($"| {Cell(test.Name)} | {Cell(test.ClassName)} | {Cell(FirstLine(test.Message))} |");
            }

            if (failed.Length > MaxFailedTests)
            {
                text.AppendLine().AppendLine($"… and {failed.Length - MaxFailedTests} more in the report.");
            }

            text.AppendLine();
        }

        var runs = page.Runs.Where(r => r.Verdict is not RunVerdict.Passed).ToArray();
        if (runs.Length > 0)
        {
            text.AppendLine("### Runs that did not pass").AppendLine();
            text.AppendLine("| Workflow | InvocationID | Verdict | Instances |").AppendLine("| --- | --- | --- | --- |");
            foreach (var run in runs)
            {
                text.AppendLine($"| {Cell(run.WorkflowName)} | `{Code(run.InvocationId)}` | {Cell(run.VerdictLabel)} | {Cell(run.StatusCounts)} |");
            }

            text.AppendLine();
        }

        text.AppendLine("The full report (graph, timeline and logs of every run) is the `report` artifact of this job.");
        return text.ToString();
    }

    private static string FirstLine(string text)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return line.Length <= 200 ? line : line[..199] + "…";
    }

    /// <summary>A table cell: no line breaks, pipes escaped, and HTML-significant characters as entities (GitHub renders summary HTML).</summary>
    private static string Cell(string text) => System.Net.WebUtility.HtmlEncode(text.ReplaceLineEndings(" ")).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Code(string text) => text.ReplaceLineEndings(" ").Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}

using System.Text.RegularExpressions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting;
using FaaSr.Testing.Reporting.Model;
using FaaSr.Testing.Reporting.Rendering;
using FaaSr.Testing.Reporting.Runs;
using FaaSr.Testing.Tests.Cli.Views;

namespace FaaSr.Testing.Tests.Reporting;

/// <summary>The report of a 1,000-instance run: the ranks of one action are one expandable group, every value escaped.</summary>
[TestClass]
public sealed class ReportGroupingTests
{
    private const string Hostile = "w<b>\"'&";

    [TestMethod]
    public async Task TheRanksOfAnActionAreOneExpandableGroupWithTheirCounts()
    {
        var html = await RenderAsync();

        var escaped = "w&lt;b&gt;&quot;&#39;&amp;";
        Assert.HasCount(1, Regex.Matches(html, "<details class=\"log-group\">"), "one group of logs: the ranked action's");
        Contains(
            html,
            $"<details class=\"log-group\"><summary><span class=\"dot failed\"></span>{escaped} <span class=\"muted\">(998 ranks: 8 invoked, 80 running, 900 completed, 10 failed)</span></summary>");
        Assert.HasCount(1, Regex.Matches(html, "<details class=\"tl-group\">"), "one group on the timeline");
        Contains(html, $"<span class=\"tl-label\">{escaped} &#215;998</span>");
        var group = Regex.Match(html, "<details class=\"tl-group\">(.*?)</details>", RegexOptions.Singleline).Groups[1].Value;
        Assert.HasCount(998, Regex.Matches(group, "<div class=\"tl-row "), "every rank is inside the group");
        Assert.HasCount(1000, Regex.Matches(html, "<details class=\"log\">"), "every instance keeps its own collapsed log");
        Assert.DoesNotContain("<b>", html, "the action's name is text everywhere");
        Contains(html, $"{escaped}(901) <span class=\"status failed\">failed</span> <span class=\"reason\">ERROR &lt;i&gt;logged&lt;/i&gt;</span>");
    }

    /// <summary>Like StringAssert.Contains, without printing the 700 KB page when it fails.</summary>
    private static void Contains(string html, string expected)
    {
        var at = html.IndexOf(expected[..Math.Min(20, expected.Length)], StringComparison.Ordinal);
        Assert.IsTrue(html.Contains(expected, StringComparison.Ordinal), $"missing: {expected}\nnear: {(at < 0 ? "(nothing alike)" : html.Substring(at, Math.Min(400, html.Length - at)))}");
    }

    private static async Task<string> RenderAsync()
    {
        var start = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var functions = new List<RecordedFunction> { Function("entry", FunctionStatus.Completed, start, null) };
        for (var rank = 1; rank <= 998; rank++)
        {
            var status = BigRunRecords.StatusOfRank(rank);
            functions.Add(Function($"{Hostile}({rank})", status, start.AddMilliseconds(rank * 10), status == FunctionStatus.Failed ? "ERROR <i>logged</i>" : null));
        }

        functions.Add(Function("join", FunctionStatus.Skipped, start.AddSeconds(20), null));
        var run = new RecordedRun
        {
            WorkflowName = "Scale",
            InvocationId = "0badcafe-1111",
            StartedAt = start,
            FinishedAt = start.AddSeconds(30),
            Functions = functions,
            Source = "Scale-0badcafe-1111.json",
        };
        var page = await ReportPageBuilder.BuildAsync(new ReportInput { TestRuns = [], Runs = [new RunInput(run, null, null, null)] }, CancellationToken.None);
        return new ReportRenderer().Render(page, ReportSecrets.None);
    }

    private static RecordedFunction Function(string name, FunctionStatus status, DateTimeOffset at, string? reason) => new()
    {
        Name = name,
        Status = status,
        InvokedAt = at,
        StartedAt = status is FunctionStatus.Skipped or FunctionStatus.Invoked ? null : at.AddMilliseconds(5),
        FinishedAt = !status.IsFinal ? null : at.AddSeconds(1),
        Reason = reason,
    };
}

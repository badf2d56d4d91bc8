using System.Text.RegularExpressions;

namespace FaaSr.Testing.Tests.Reporting;

[TestClass]
public sealed partial class ReportContentTests
{
    private static string html = "";

    [ClassInitialize]
    public static async Task RenderAsync(TestContext context) => html = await ReportFixture.RenderAsync();

    [TestMethod]
    public void TheHeaderNamesCommitBranchProfileComputeAndTimes()
    {
        StringAssert.Contains(html, "<dt>Commit</dt><dd>0123456789abcdef0123456789abcdef01234567</dd>");
        StringAssert.Contains(html, "<dt>Branch</dt><dd>feature/report</dd>");
        StringAssert.Contains(html, "<dt>Profile</dt><dd>local</dd>");
        StringAssert.Contains(html, "<dt>Compute</dt><dd>kind: github, repository: owner/faasr-actions</dd>");
        StringAssert.Contains(html, "<dt>Start</dt><dd>2026-12-01 21:47:12.900 UTC</dd>", "The earliest of the runs' and the TRX's starts.");
        StringAssert.Matches(html, DurationField());
    }

    [TestMethod]
    public void TheCountersCountTestsRunsAndInstances()
    {
        Assert.AreEqual("5", Counter("tests"));
        Assert.AreEqual("3", Counter("passed"));
        Assert.AreEqual("1", Counter("failed"));
        Assert.AreEqual("1", Counter("skipped"));
        Assert.AreEqual("2", Counter("runs"));
        Assert.AreEqual("1", Counter("failed as expected"));
        Assert.AreEqual("1", Counter("runs failed"));
        Assert.AreEqual("17", Counter("instances"));
    }

    [TestMethod]
    public void EveryTestIsARowAndTheFailureIsExpandedWithItsMessage()
    {
        Assert.HasCount(5, TestBodies().Matches(html));
        var failed = TestBodies().Matches(html).Single(m => m.Value.Contains("Sync2ReadsBothFiles", StringComparison.Ordinal)).Value;
        StringAssert.Contains(failed, "<tbody class=\"test failed\" data-index=\"0\">", "Failures come first.");
        StringAssert.Contains(failed, "aria-expanded=\"true\"");
        StringAssert.Contains(failed, "<tr class=\"detail\"><td colspan=\"4\">", "The failure's detail row is not hidden.");
        StringAssert.Contains(failed, "AssertContentEquals(sync2.txt): the content differs.");
        StringAssert.Contains(failed, "at FaaSr.IntegrationTests.IntegrationTestWorkflowTests.Sync2ReadsBothFiles()");
        var passedWithOutput = TestBodies().Matches(html).Single(m => m.Value.Contains("TheSuccessorOfTheFailureNeverRuns", StringComparison.Ordinal)).Value;
        StringAssert.Contains(passedWithOutput, "<tr class=\"detail\" hidden>", "A passed test's output is collapsed.");
        StringAssert.Contains(html, "<span class=\"badge skipped\">skipped</span></td><td class=\"name\">RankFiveWritesItsFile</td>");
    }

    [TestMethod]
    public void ARunWhoseTestsAssertedItsFailureReadsExpected()
    {
        var run = Run("FailingWorkflow");
        StringAssert.StartsWith(run, "<article class=\"run expected\"");
        StringAssert.Contains(run, "<span class=\"badge expected\">failed as expected</span> FailingWorkflow");
        StringAssert.Contains(run, "<g class=\"node expected\"><title>fail-py: failed (expected)</title>");
        StringAssert.Contains(run, "<g class=\"node skipped\"><title>after-failure: skipped</title>");
        StringAssert.Contains(run, "FailingWorkflowTests: 3 passed");
        Assert.DoesNotContain("class=\"node failed\"", run, "Nothing in an expected failure is red.");
    }

    [TestMethod]
    public void AFailureNoTestExpectedReadsFailed()
    {
        var run = Run("IntegrationTestWorkflow");
        StringAssert.StartsWith(run, "<article class=\"run failed\"");
        StringAssert.Contains(run, "<g class=\"node failed\"><title>sync2: failed</title>");
        StringAssert.Contains(run, "IntegrationTestWorkflowTests: 1 failed, 1 skipped");
    }

    [TestMethod]
    public void TheGraphIsLaidOutByDepthWithAnEdgePerInvocation()
    {
        var run = Run("FailingWorkflow");
        StringAssert.Contains(run, "<rect x=\"8\" y=\"8\" width=\"176\" height=\"44\" rx=\"6\"/><text x=\"18\" y=\"26\" class=\"label\">prepare</text>");
        StringAssert.Contains(run, "<rect x=\"240\" y=\"8\"");
        StringAssert.Contains(run, "<rect x=\"472\" y=\"8\"");
        Assert.HasCount(2, Regex.Matches(run, "<path class=\"edge\""));
        var ranked = Run("IntegrationTestWorkflow");
        StringAssert.Contains(ranked, "<text x=\"1178\" y=\"42\" class=\"detail\">&#215;5: 5 completed</text>", "test-rank, five ranks, sits at depth 5.");
    }

    [TestMethod]
    public void TheTimelineShowsEveryInstanceAndGroupsRanks()
    {
        var run = Run("IntegrationTestWorkflow");
        StringAssert.Contains(run, "<details class=\"tl-group\"><summary class=\"tl-row completed\" title=\"test-rank: 5 ranks, 5 completed");
        Assert.HasCount(5, Regex.Matches(run, "<div class=\"tl-row completed\" title=\"test-rank\\(\\d\\): completed"));
        StringAssert.Contains(run, "<span class=\"tl-label\">create-input</span><span class=\"tl-track\"><span class=\"tl-wait\" style=\"left:0%;");
        Assert.HasCount(14 - 5 + 1 + 5, Regex.Matches(run, "<(div|summary) class=\"tl-row (completed|failed|not_invoked)"));
    }

    [TestMethod]
    public void EachInstanceHasItsCollapsedLogReasonAndTransitions()
    {
        var run = Run("IntegrationTestWorkflow");
        StringAssert.Contains(run, "<details class=\"log\"><summary><span class=\"dot failed\"></span>sync2 <span class=\"status failed\">failed</span> <span class=\"reason\">ERROR entry in its log</span></summary>");
        StringAssert.Contains(run, "sync2 could not read sync1&#39;s file");
        StringAssert.Contains(run, "<li>21:47:29.234 running → failed (ERROR entry in its log)</li>");
        StringAssert.Contains(run, "<p class=\"note\">invoked by sync1, test-rank(1)</p>");
        StringAssert.Contains(run, "<details class=\"log-group\"><summary><span class=\"dot completed\"></span>test-rank <span class=\"muted\">(5 ranks: 5 completed)</span></summary>");
        StringAssert.Contains(run, "<p class=\"note\">No log: it never ran.</p>", "A not_invoked instance says why it has no log.");
    }

    [TestMethod]
    public void TheObjectsTheRunLeftAreListed()
    {
        var run = Run("FailingWorkflow");
        StringAssert.Contains(run, "7 objects at the end of the run, before clean-up.");
        StringAssert.Contains(run, "<td class=\"key\">integration-tests/7397b556-6e79-4e7c-bbba-af6b05cea98a/prepared.txt</td><td>79 B</td>");
    }

    [TestMethod]
    public void CloudRunsLinkTheirGitHubActionsRunsAndOnlyWebAddressesBecomeLinks()
    {
        var run = Run("IntegrationTestWorkflow");
        StringAssert.Contains(run, "<a href=\"https://github.com/owner/faasr-actions/actions/runs/1001\" rel=\"noopener noreferrer\" target=\"_blank\">the run</a>");
        StringAssert.Contains(run, "<a href=\"https://github.com/owner/faasr-actions/actions/runs/1002\" rel=\"noopener noreferrer\" target=\"_blank\">create-input</a>");
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("Actions:", Run("FailingWorkflow"), "A local run has no links.");
    }

    [TestMethod]
    public void OnlyTheRunsThatStartedDuringTheTestsAreShownWhenAsked()
    {
        var onlyThese = ReportFixture.RenderAsync(options => options with { OnlyRunsOfTheseTests = true }).GetAwaiter().GetResult();

        StringAssert.Contains(onlyThese, "FailingWorkflow");
        Assert.DoesNotContain("<article class=\"run failed\"", onlyThese, "The IntegrationTestWorkflow record is older than the TRX's run.");
    }

    private static string Counter(string label) =>
        Regex.Match(html, $"<div class=\"counter [a-z]+\"><span class=\"value\">(\\d+)</span><span class=\"label\">{Regex.Escape(label)}</span></div>").Groups[1].Value;

    private static string Run(string workflow) =>
        Regex.Match(html, $"<article class=\"run [a-z]+\" id=\"run-\\d\">\\s*<h3><span class=\"badge [a-z]+\">[a-z ]+</span> {workflow} .*?</article>", RegexOptions.Singleline).Value is { Length: > 0 } run
            ? run
            : throw new AssertFailedException($"No run section of {workflow} in the report.");

    [GeneratedRegex("<tbody class=\"test [a-z]+\" data-index=\"\\d+\">.*?</tbody>", RegexOptions.Singleline)]
    private static partial Regex TestBodies();

    [GeneratedRegex("<dt>Duration</dt><dd>\\d+ min \\d+ s</dd>")]
    private static partial Regex DurationField();
}

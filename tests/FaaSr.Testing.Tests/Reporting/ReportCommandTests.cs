using FaaSr.Testing.Cli;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Reporting;

[TestClass]
public sealed class ReportCommandTests
{
    [TestMethod]
    public async Task ARecordedLocalRunKeepsEveryLogAndItsReportShowsThem()
    {
        var folder = Directory.CreateTempSubdirectory("faasr-it-report-cli-").FullName;
        try
        {
            var record = Path.Combine(folder, "runs", "run.json");
            var run = await InProcessCli.RunAsync("run", RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json"), "--local", "--plain", "--functions", RepositoryFiles.Path("functions"), "--record", record);
            Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.Output + run.Error);

            var artifacts = RunArtifacts.FolderOf(record);
            var logs = Directory.GetFiles(RunArtifacts.LogsFolder(artifacts)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.HasCount(12, logs, "One log per instance that ran (12 completed; the 2 not_invoked wrote none): " + string.Join(", ", logs));
            CollectionAssert.Contains(logs, "test-rank(3).txt");
            StringAssert.Contains(await File.ReadAllTextAsync(RunArtifacts.LogPath(artifacts, "sync2")), "Sync2 Completed");
            Assert.IsNotNull(await RunArtifacts.ReadGraphAsync(artifacts, CancellationToken.None));
            Assert.IsNotEmpty((await RunArtifacts.ReadObjectsAsync(artifacts, CancellationToken.None))!);

            var output = Path.Combine(folder, "report", "index.html");
            var report = await InProcessCli.RunAsync("report", "--runs", Path.Combine(folder, "runs"), "--trx", ReportFixture.TestResults, "--out", output, "--all-runs");

            Assert.AreEqual(ExitCodes.Success, report.ExitCode, report.Output + report.Error);
            StringAssert.StartsWith(report.Output, $"Report: {output} (5 tests, 3 passed, 1 failed, 1 skipped, 1 runs");
            var html = await File.ReadAllTextAsync(output);
            StringAssert.Contains(html, "<span class=\"badge passed\">passed</span> IntegrationTestWorkflow");
            StringAssert.Contains(html, "Sync2 Completed: every rank and run output is in place");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task AMissingFolderIsBadInputNamingTheOption()
    {
        var result = await InProcessCli.RunAsync("report", "--trx", "/nonexistent/faasr-it-results", "--out", Path.Combine(Path.GetTempPath(), $"faasr-it-{Guid.NewGuid():N}.html"));

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual("report: --trx '/nonexistent/faasr-it-results': no such folder." + Environment.NewLine, result.Error);
    }

    [TestMethod]
    public async Task AnUnreadableRecordIsBadInputNamingTheFileAndThePreviousReportStays()
    {
        var folder = Directory.CreateTempSubdirectory("faasr-it-report-cli-").FullName;
        try
        {
            var runs = Directory.CreateDirectory(Path.Combine(folder, "runs")).FullName;
            await File.WriteAllTextAsync(Path.Combine(runs, "W-1.json"), """{"workflowName":"W","invocationId":"1","functions":[]}""");
            var output = Path.Combine(folder, "index.html");
            await File.WriteAllTextAsync(output, "previous report");

            var result = await InProcessCli.RunAsync("report", "--runs", runs, "--trx", folder, "--out", output);

            Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
            Assert.AreEqual($"report: Cannot read run record '{Path.Combine(runs, "W-1.json")}': 'startedAt' is missing." + Environment.NewLine, result.Error);
            Assert.AreEqual("previous report", await File.ReadAllTextAsync(output));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task OnGitHubActionsTheSummaryIsAppendedAndEachFailureAnnotated()
    {
        var folder = Directory.CreateTempSubdirectory("faasr-it-report-cli-").FullName;
        try
        {
            var summary = Path.Combine(folder, "summary.md");
            await File.WriteAllTextAsync(summary, "earlier step\n");

            var result = await InProcessCli.RunAsync("report", "--runs", ReportFixture.Runs, "--trx", ReportFixture.TestResults, "--out", Path.Combine(folder, "index.html"), "--all-runs", "--summary", summary, "--annotate");

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Error);
            var lines = result.Output.Split(Environment.NewLine);
            CollectionAssert.Contains(lines, "::error title=IntegrationTestWorkflow%3A sync2 failed::IntegrationTestWorkflow 6fff386c-dc30-470c-b617-8d1cc21a50b1: sync2 failed: ERROR entry in its log%0A[1.694] [INFO] [faasr_server.py] Processing request: faasr_log%0A[1.812] [DEBUG] [executor.py] Put function_completions/sync2.done file in S3%0A[1.812] [DEBUG] [faasr_entry.py] Finished execution of sync2 with result True%0A[1.812] [INFO] [scheduler.py] no triggers for sync2%0A[9.999] [ERROR] [user] sync2 could not read sync1's file");
            Assert.IsTrue(lines.Any(l => l.StartsWith("::error title=Test failed%3A Sync2ReadsBothFiles::FaaSr.IntegrationTests.IntegrationTestWorkflowTests.Sync2ReadsBothFiles: Assert.Fail failed.", StringComparison.Ordinal)), result.Output);
            Assert.IsFalse(lines.Any(l => l.Contains("fail-py", StringComparison.Ordinal)), "The expected failure is not annotated.");
            var markdown = await File.ReadAllTextAsync(summary);
            StringAssert.StartsWith(markdown, "earlier step\n## faasr-it report");
            StringAssert.Contains(markdown, "| 5 | 3 | 1 | 1 | 2 | 0 | 1 | 1 | 17 |");
            StringAssert.Contains(markdown, "| Sync2ReadsBothFiles | FaaSr.IntegrationTests.IntegrationTestWorkflowTests | Assert.Fail failed. AssertContentEquals(sync2.txt): the content differs. |");
            StringAssert.Contains(markdown, "| IntegrationTestWorkflow | `6fff386c-dc30-470c-b617-8d1cc21a50b1` | failed | 2 not_invoked, 11 completed, 1 failed |");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

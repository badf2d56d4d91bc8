using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>
/// watch's final summary judges each run by the TRX outcomes the command wrote to its --results-directory: a failure
/// the passing tests asserted reads as expected (green), completed functions under a failed test read red, and the
/// last line follows the command's exit code.
/// </summary>
[TestClass]
public sealed class WatchSummaryTests
{
    /// <summary>
    /// A child that records one finished run of workflow sys.argv[2] (entry completed, f with status sys.argv[3]),
    /// writes a TRX into the folder after --results-directory with one test of class {workflow}Tests and outcome
    /// sys.argv[4], and exits with sys.argv[5].
    /// </summary>
    private const string Child = """
        import json, os, sys
        runs, workflow, status, outcome, code, results = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[7]
        record = {"workflowName": workflow, "invocationId": "abc12345-0000", "invocationFolder": "FaaSrLog/" + workflow + "/t/abc12345-0000",
                  "profile": "local", "startedAt": "2026-01-01T00:00:00.000Z", "finishedAt": "2026-01-01T00:00:02.000Z",
                  "functions": [{"name": "entry", "status": "completed", "logKey": "k1"}, {"name": "f", "status": status, "logKey": "k2"}]}
        with open(os.path.join(runs, ".tmp"), "w") as file:
            json.dump(record, file)
        os.replace(os.path.join(runs, ".tmp"), os.path.join(runs, workflow + "-abc12345-0000.json"))
        os.makedirs(results, exist_ok=True)
        ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"
        with open(os.path.join(results, "integration.trx"), "w") as file:
            file.write(f'''<?xml version="1.0" encoding="utf-8"?>
        <TestRun id="1" name="r" xmlns="{ns}">
          <Results><UnitTestResult testId="t1" testName="FFailsAsAsserted" outcome="{outcome}" duration="00:00:01"/></Results>
          <TestDefinitions><UnitTest id="t1" name="FFailsAsAsserted"><TestMethod className="Tests.{workflow}Tests" name="FFailsAsAsserted"/></UnitTest></TestDefinitions>
        </TestRun>''')
        sys.exit(code)
        """;

    private string runs = "";
    private string results = "";

    [TestInitialize]
    public void CreateFolders()
    {
        runs = Directory.CreateTempSubdirectory("faasr-it-watch-").FullName;
        results = Path.Combine(runs, "test-results");
    }

    [TestCleanup]
    public void DeleteFolders() => Directory.Delete(runs, recursive: true);

    [TestMethod]
    [DataRow(
        "FailingWorkflow", "failed", "Passed", 0,
        "✔ FailingWorkflow abc12345 (local) finished in 2.0 s: 1 completed, 1 failed — failed as the tests expected (1 test passed): f failed",
        "✔ tests passed: 1 passed, 0 failed; 1 run failed as the tests expected",
        DisplayName = "a failure the passing tests expected ends green")]
    [DataRow(
        "MyWorkflow", "completed", "Failed", 1,
        "✘ MyWorkflow abc12345 (local) finished in 2.0 s: 2 completed — but 1 of 1 of its tests failed: FFailsAsAsserted",
        "✘ tests failed (exit 1): 0 passed, 1 failed: FFailsAsAsserted",
        DisplayName = "completed functions under a failed test end red")]
    [DataRow(
        "OtherWorkflow", "failed", "Passed", 0,
        "• OtherWorkflow abc12345 (local) finished in 2.0 s: 1 completed, 1 failed — f failed; no test result names this run",
        "✔ tests passed: 1 passed, 0 failed",
        DisplayName = "a failure no test names, in a green command, is not red")]
    public async Task TheLastLinesJudgeTheRunByItsTestsAndEndAsTheCommandDid(
        string workflow, string status, string outcome, int exitCode, string runLine, string finalLine)
    {
        var result = await WatchAsync(workflow, status, outcome, exitCode);

        Assert.AreEqual(exitCode, result.ExitCode, result.Output + result.Error);
        var lines = result.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.AreEqual("[faasr-it] " + runLine, lines[^2], result.Output);
        Assert.AreEqual("[faasr-it] " + finalLine, lines[^1], result.Output);
        Assert.DoesNotContain(exitCode == 0 ? "✘" : "✔", string.Join('\n', lines[^2..]), "green never ends in red, red never in green");
    }

    private Task<(int ExitCode, string Output, string Error)> WatchAsync(string workflow, string status, string outcome, int exitCode)
    {
        // The TRX names a class of another workflow when the run is to have no test of its own.
        var testedWorkflow = workflow == "OtherWorkflow" ? "FailingWorkflow" : workflow;
        return InProcessCli.RunAsync(
            "watch", "--runs", runs, "--plain", "--",
            "python3", "-c", Child.Replace("{workflow}Tests", testedWorkflow + "Tests", StringComparison.Ordinal),
            runs, workflow, status, outcome, exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), "--results-directory", results);
    }
}

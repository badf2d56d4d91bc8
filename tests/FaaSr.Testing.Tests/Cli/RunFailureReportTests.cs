using System.CommandLine;
using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>
/// The failure report of an interrupted run tells the truth about logs (red-team finding F15): a function still writing
/// its log when the run is stopped has a log, even if the monitor had not read it yet.
/// </summary>
[TestClass]
public sealed class RunFailureReportTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task AFunctionStillWritingItsLogWhenTheRunTimesOutIsNotReportedAsHavingNoLog()
    {
        var root = Directory.CreateTempSubdirectory("faasr-it-report-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "functions", "Chatty"));
            File.WriteAllText(Path.Combine(root, "functions", "Chatty", "f.py"), """
                import time

                def chatty():
                    for i in range(1000):
                        faasr_log(f"still going {i}")
                        time.sleep(0.05)
                """);
            var workflow = Path.Combine(root, "workflows", "Chatty.json");
            Directory.CreateDirectory(Path.GetDirectoryName(workflow)!);
            File.WriteAllText(workflow, WorkflowJson());
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exitCode = await CliApplication.InvokeAsync(
                ["run", workflow, "--local", "--plain", "--timeout", "5", "--runs", Path.Combine(root, "runs")],
                new InvocationConfiguration { Output = output, Error = error });

            Assert.AreEqual(ExitCodes.WorkflowFailed, exitCode, output.ToString() + error);
            StringAssert.Contains(error.ToString(), "did not finish within 5 s");
            Assert.DoesNotContain("no log at", error.ToString(), "The function's log exists: it wrote to it all along.");
            StringAssert.Matches(error.ToString(), new System.Text.RegularExpressions.Regex(
                @"chatty: skipped \(.*\); (last \d+ log lines of .*chatty\.txt|its log .*chatty\.txt \(\d+ bytes\) was still being written)"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string WorkflowJson() => new JsonObject
    {
        ["WorkflowName"] = "Chatty",
        ["FunctionInvoke"] = "chatty",
        ["DefaultDataStore"] = "S3",
        ["LoggingDataStore"] = "S3",
        ["FaaSrLog"] = "FaaSrLog",
        ["ComputeServers"] = new JsonObject
        {
            ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "u", ["ActionRepoName"] = "r", ["Branch"] = "main", ["UseSecretStore"] = true },
        },
        ["DataStores"] = new JsonObject { ["S3"] = new JsonObject { ["Bucket"] = "chatty", ["Region"] = "us-east-1" } },
        ["ActionList"] = new JsonObject
        {
            ["chatty"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "chatty", ["Type"] = "Python" },
        },
        ["FunctionGitRepo"] = new JsonObject { ["chatty"] = "o/r/functions/Chatty" },
    }.ToJsonString();
}

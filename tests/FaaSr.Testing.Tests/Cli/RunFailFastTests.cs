using System.CommandLine;
using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>A failing run ends once the failure and what still runs have settled, not at the inactivity timeout.</summary>
[TestClass]
public sealed class RunFailFastTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task AFailedRankEndsTheRunWithoutWaitingForAFanInThatWillNeverStart()
    {
        var root = Directory.CreateTempSubdirectory("faasr-it-fail-fast-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "functions", "FailFast"));
            File.WriteAllText(Path.Combine(root, "functions", "FailFast", "f.py"), """
                import time

                from FaaSr_py.client.py_client_stubs import faasr_rank

                def entry():
                    pass

                def work():
                    if faasr_rank()["rank"] == 2:
                        # Later than rank 1, so the join rank 1 dispatches finds no work.2.done and stops quietly.
                        time.sleep(2)
                        raise ValueError("rank 2 fails on purpose")

                def join():
                    pass
                """);
            var workflow = Path.Combine(root, "workflows", "FailFast.json");
            Directory.CreateDirectory(Path.GetDirectoryName(workflow)!);
            File.WriteAllText(workflow, WorkflowJson());
            var record = Path.Combine(root, "run.json");
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exitCode = await CliApplication.InvokeAsync(
                ["run", workflow, "--local", "--plain", "--record", record, "--runs", Path.Combine(root, "runs")],
                new InvocationConfiguration { Output = output, Error = error });

            Assert.AreEqual(ExitCodes.WorkflowFailed, exitCode, output.ToString() + error);
            var written = await RunRecordFile.ReadAsync(record, TestContext.CancellationToken);
            Assert.AreEqual(FunctionStatus.Failed, written.Functions.Single(f => f.Name == "work(2)").Status);
            Assert.AreEqual(FunctionStatus.Skipped, written.Functions.Single(f => f.Name == "join").Status, "not timed out after 120 s of inactivity");
            StringAssert.Contains(error.ToString(), "Failure detected in work(2) and all active loggers completed");
            StringAssert.Contains(error.ToString(), "ValueError: rank 2 fails on purpose", "the traceback is in the report: the failed log was complete");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string WorkflowJson() => new JsonObject
    {
        ["WorkflowName"] = "FailFast",
        ["FunctionInvoke"] = "entry",
        ["DefaultDataStore"] = "S3",
        ["LoggingDataStore"] = "S3",
        ["FaaSrLog"] = "FaaSrLog",
        ["ComputeServers"] = new JsonObject
        {
            ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "u", ["ActionRepoName"] = "r", ["Branch"] = "main", ["UseSecretStore"] = true },
        },
        ["DataStores"] = new JsonObject { ["S3"] = new JsonObject { ["Bucket"] = "failfast", ["Region"] = "us-east-1" } },
        ["ActionList"] = new JsonObject
        {
            ["entry"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "entry", ["Type"] = "Python", ["InvokeNext"] = new JsonArray("work(2)") },
            ["work"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "work", ["Type"] = "Python", ["InvokeNext"] = new JsonArray("join") },
            ["join"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "join", ["Type"] = "Python" },
        },
        ["FunctionGitRepo"] = new JsonObject
        {
            ["entry"] = "o/r/functions/FailFast",
            ["work"] = "o/r/functions/FailFast",
            ["join"] = "o/r/functions/FailFast",
        },
    }.ToJsonString();
}

using System.Text.Json.Nodes;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>The monitor reads a local run from S3 exactly as it reads a cloud run: the two meet only in S3.</summary>
[TestClass]
public sealed class LocalRunMonitoringTests(TestContext testContext)
{
    private static readonly MonitorOptions FastPolling = new() { PollInterval = TimeSpan.FromMilliseconds(100), InactivityTimeout = TimeSpan.FromSeconds(60) };

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task TheMonitorSeesTheIntegrationWorkflowsLocalRunComplete()
    {
        await using var harness = await ExecutorHarness.CreateAsync("monitored", Cancellation);
        var workflow = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json"), Cancellation))!;
        workflow["DataStores"]!["S3"]!["Bucket"] = harness.Store.Bucket;
        var graph = WorkflowLoader.Parse(workflow.ToJsonString(), "IntegrationTestWorkflow.json");

        var (run, _) = await harness.RunAsync(graph, Cancellation, o => o with { FunctionsRoot = RepositoryFiles.Path("functions") });
        var monitored = await new WorkflowMonitor(graph, run.Folder, harness.Store, FastPolling).RunAsync(Cancellation);

        Assert.IsTrue(monitored.Succeeded, string.Join("\n", monitored.Functions.Select(f => $"{f.Name}: {f.Status} {f.Reason}")));
        Assert.AreEqual(FunctionStatus.NotInvoked, monitored["test-dontrun-false"].Status);
        Assert.AreEqual(FunctionStatus.NotInvoked, monitored["test-dontrun-true"].Status);
        Assert.AreEqual(FunctionStatus.Completed, monitored["test-rank(3)"].Status);
        Assert.AreEqual(FunctionStatus.Completed, monitored["sync2"].Status);
    }

    [TestMethod]
    public async Task TheMonitorSeesALocalUserExceptionAsAFailure()
    {
        await using var harness = await ExecutorHarness.CreateAsync("monitored-failure", Cancellation);
        harness.AddFile("f.py", """
            def first():
                pass

            def second():
                raise Exception("outside_exception")

            def third():
                pass
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python", "InvokeNext": ["third"] },
            "third": { "FaaSServer": "GH", "FunctionName": "third", "Type": "Python" }
            """);

        var (run, _) = await harness.RunAsync(graph, Cancellation);
        var monitored = await new WorkflowMonitor(graph, run.Folder, harness.Store, FastPolling).RunAsync(Cancellation);

        Assert.AreEqual(FunctionStatus.Completed, monitored["first"].Status);
        Assert.AreEqual(FunctionStatus.Failed, monitored["second"].Status);
        Assert.IsFalse(monitored.Succeeded);
        StringAssert.Contains(monitored["second"].LogText, "Exception: outside_exception");
    }
}

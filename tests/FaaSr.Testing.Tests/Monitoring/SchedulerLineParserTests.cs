using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

[TestClass]
public sealed class SchedulerLineParserTests
{
    private static readonly SchedulerLineParser Parser = new("IntegrationTestWorkflow", ["create-input", "sync1", "test-rank", "IntegrationTestWorkflow-odd"]);

    [TestMethod]
    [DataRow("[12.408] [INFO] [scheduler.py] GitHub Action: Successfully invoked: sync1", "sync1", "GitHubActions")]
    [DataRow("[1.0] [INFO] [scheduler.py] GitHub Action: Successfully invoked: IntegrationTestWorkflow-sync1", "sync1", "GitHubActions")]
    [DataRow("[1.0] [INFO] [scheduler.py] Lambda: Successfully invoked: test-rank", "test-rank", "Lambda")]
    [DataRow("[1.0] [INFO] [scheduler.py] OpenWhisk: Succesfully invoked sync1", "sync1", "OpenWhisk")]
    [DataRow("[1.0] [INFO] [scheduler.py] OpenWhisk: Successfully invoked sync1", "sync1", "OpenWhisk")]
    [DataRow("[1.0] [INFO] [scheduler.py] GoogleCloud: Successfully invoked IntegrationTestWorkflow-sync1", "sync1", "GoogleCloud")]
    [DataRow("[1.0] [INFO] [scheduler.py] SLURM: Successfully submitted job: test-rank (Job ID: 4711)", "test-rank", "SLURM")]
    [DataRow("[1.0] [INFO] [scheduler.py] ('Kubernetes: Successfully invoked: sync1', 201)", "sync1", "Kubernetes")]
    [DataRow("[1.0] [INFO] [scheduler.py] ('Kubernetes: Successfully submitted jobs: sync1 (Job ID: 7f0c)', '(Created at: 2026-11-21)')", "sync1", "Kubernetes")]
    public void DispatchLinesOfEveryFaaSTypeNameTheAction(string line, string action, string faasType) =>
        Assert.AreEqual(new DispatchLine(action, faasType), Parser.Parse(new LogEntry(line)));

    [TestMethod]
    public void NoTriggersIsTheSchedulersLastWordToo() =>
        Assert.AreEqual(new NoTriggersLine("sync1"), Parser.Parse(new LogEntry("[9.1] [INFO] [scheduler.py] no triggers for sync1")));

    [TestMethod]
    public void TheWorkflowPrefixStaysWhenOnlyTheWholeNameIsAnAction() =>
        Assert.AreEqual(
            new DispatchLine("IntegrationTestWorkflow-odd", "GitHubActions"),
            Parser.Parse(new LogEntry("[1.0] [INFO] [scheduler.py] GitHub Action: Successfully invoked: IntegrationTestWorkflow-odd")));

    [TestMethod]
    [DataRow("[1.0] [INFO] [scheduler.py] Prepending workflow name. Full function: IntegrationTestWorkflow-sync1")]
    [DataRow("[1.0] [ERROR] [scheduler.py] GitHub Action: Cannot find the destination")]
    [DataRow("GitHub Action: Successfully invoked: sync1")]
    [DataRow("")]
    public void OtherLinesAreNotSchedulerLines(string line) => Assert.IsNull(Parser.Parse(new LogEntry(line)));

    [TestMethod]
    public void OnlyTheHeaderLineCounts() =>
        Assert.IsNull(Parser.Parse(new LogEntry("[1.0] [INFO] [server.py] Processing request: faasr_log\nGitHub Action: Successfully invoked: sync1")));
}

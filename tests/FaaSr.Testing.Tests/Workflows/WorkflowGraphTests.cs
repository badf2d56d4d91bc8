using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

[TestClass]
public sealed class WorkflowGraphTests
{
    private static readonly WorkflowGraph Sample = WorkflowLoader.Parse(SampleWorkflows.Valid, "sample.json");

    [TestMethod]
    public void TheEntryIsTheFirstActionNothingInvokes()
    {
        Assert.AreEqual("start", Sample.EntryAction);
        Assert.AreEqual(0, Sample.InvokersOf("start").Count);
    }

    [TestMethod]
    public void ARankedActionExpandsToOneInstancePerRank()
    {
        CollectionAssert.AreEqual(new[] { "fan(1)", "fan(2)", "fan(3)" }, Sample.InstancesOf("fan").Select(i => i.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "fan.1", "fan.2", "fan.3" }, Sample.InstancesOf("fan").Select(i => i.CompletionName).ToArray());
        Assert.AreEqual(3, Sample.MaxRank("fan"));
        CollectionAssert.AreEqual(
            new[] { "start", "middle", "yes", "no", "fan(1)", "fan(2)", "fan(3)", "join" },
            Sample.Instances.Select(i => i.Name).ToArray());
    }

    [TestMethod]
    public void AFanInAfterARankedActionWaitsForEveryRank()
    {
        CollectionAssert.AreEqual(new[] { "fan.1", "fan.2", "fan.3" },
            Sample.PredecessorInstancesOf("join").Select(i => i.CompletionName).ToArray());
        Assert.IsTrue(Sample.IsFanIn("join"));
        Assert.IsFalse(Sample.IsFanIn("middle"));
        CollectionAssert.AreEqual(new[] { "start" }, Sample.PredecessorInstancesOf("fan").Select(i => i.Name).ToArray());
    }

    [TestMethod]
    public void DispatchesAfterFollowsTheReturnValue()
    {
        CollectionAssert.AreEqual(new[] { InvokeTarget.Plain("middle"), InvokeTarget.Ranked("fan", 3) },
            Sample.DispatchesAfter("start", null)!.ToArray());
        CollectionAssert.AreEqual(new[] { InvokeTarget.Plain("join") }, Sample.DispatchesAfter("fan", false)!.ToArray());
        CollectionAssert.AreEqual(new[] { InvokeTarget.Plain("yes") }, Sample.DispatchesAfter("middle", true)!.ToArray());
        CollectionAssert.AreEqual(new[] { InvokeTarget.Plain("no") }, Sample.DispatchesAfter("middle", false)!.ToArray());
        Assert.IsNull(Sample.DispatchesAfter("middle", null), "a conditional with no boolean return is an error");
        Assert.AreEqual(0, Sample.DispatchesAfter("join", true)!.Count);
    }

    [TestMethod]
    public void InvocationFolderKeysFollowTheFaaSrLayout()
    {
        var graph = WorkflowLoader.Parse(SampleWorkflows.Valid.Replace("\"Sample\"", "\"W\"", StringComparison.Ordinal), "w.json");
        var folder = graph.FolderFor("2025-11-20T14-03-11", "id");
        var rank3 = graph.Instance("fan(3)");

        Assert.AreEqual("FaaSrLog/W/2025-11-20T14-03-11/id/fan(3).txt", folder.LogKey(rank3));
        Assert.AreEqual("FaaSrLog/W/2025-11-20T14-03-11/id/function_completions/fan.3.done", folder.DoneKey(rank3));
        Assert.AreEqual("FaaSrLog/W/2025-11-20T14-03-11/id/join.candidate", folder.CandidateKey("join"));
        Assert.AreEqual("FaaSrLog/W/2025-11-20T14-03-11/id/start.txt", folder.LogKey(graph.Instance("start")));
    }

    [TestMethod]
    public void TheIntegrationWorkflowKeysMatchTheSpecExample()
    {
        var graph = WorkflowLoader.Load(RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json"));
        var folder = graph.FolderFor("2025-11-20T14-03-11", "id");

        Assert.AreEqual("FaaSrLog/IntegrationTestWorkflow/2025-11-20T14-03-11/id/test-rank(3).txt",
            folder.LogKey(graph.Instance("test-rank(3)")));
        Assert.AreEqual("FaaSrLog/IntegrationTestWorkflow/2025-11-20T14-03-11/id/function_completions/test-rank.3.done",
            folder.DoneKey(graph.Instance("test-rank(3)")));
        CollectionAssert.AreEqual(
            new[] { "test-rank.1", "test-rank.2", "test-rank.3", "test-rank.4", "test-rank.5" },
            graph.PredecessorInstancesOf("sync2").Select(i => i.CompletionName).ToArray());
        CollectionAssert.AreEqual(new[] { "test-py-api", "test-py-folder" },
            graph.PredecessorInstancesOf("sync1").Select(i => i.Name).ToArray());
    }
}

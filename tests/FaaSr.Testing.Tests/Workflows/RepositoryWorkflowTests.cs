using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>The workflows committed under workflows/ must always validate.</summary>
[TestClass]
public sealed class RepositoryWorkflowTests
{
    public static IEnumerable<object[]> WorkflowFiles =>
        Directory.GetFiles(RepositoryFiles.Path("workflows"), "*.json").Order(StringComparer.Ordinal).Select(f =>
            new object[] { Path.GetFileName(f) });

    [TestMethod]
    public void ThereIsAtLeastOneWorkflow() => Assert.IsNotEmpty(WorkflowFiles.ToArray());

    [TestMethod]
    [DynamicData(nameof(WorkflowFiles))]
    public void Validates(string fileName)
    {
        var check = WorkflowLoader.CheckFile(RepositoryFiles.Path("workflows", fileName));

        Assert.IsTrue(check.IsValid, string.Join(Environment.NewLine, check.Problems));
    }

    [TestMethod]
    public void TheIntegrationWorkflowHasTheExpectedShape()
    {
        var graph = WorkflowLoader.Load(RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json"));

        Assert.AreEqual("create-input", graph.EntryAction);
        Assert.HasCount(14, graph.Instances);
        Assert.IsTrue(graph.IsFanIn("sync1"));
        Assert.IsTrue(graph.IsFanIn("sync2"));
        CollectionAssert.AreEqual(new[] { InvokeTarget.Plain("test-run-true") }, graph.DispatchesAfter("sync1", true)!.ToArray());
        CollectionAssert.AreEqual(new[] { InvokeTarget.Plain("test-run-false") }, graph.DispatchesAfter("test-run-true", false)!.ToArray());
        CollectionAssert.AreEqual(new[] { InvokeTarget.Ranked("test-rank", 5) }, graph.DispatchesAfter("test-run-false", null)!.ToArray());
        Assert.IsTrue(graph.Actions.All(a => a.Type == FunctionLanguage.Python));
        Assert.IsTrue(graph.Actions.All(
            a => graph.Document.FunctionGitRepo[a.FunctionName].Single() == "faasr-it/faasr-it/functions/IntegrationTestWorkflow"));
        Assert.AreEqual("faasr-integration-tests", graph.LoggingStore.Bucket);
    }
}

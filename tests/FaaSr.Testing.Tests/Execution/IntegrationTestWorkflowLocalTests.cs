using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>The project's workflows/IntegrationTestWorkflow.json with functions/IntegrationTestWorkflow, run locally.</summary>
[TestClass]
public sealed class IntegrationTestWorkflowLocalTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task TheIntegrationTestWorkflowLeavesTheObjectsOfItsCloudRun()
    {
        await using var harness = await ExecutorHarness.CreateAsync("integration", Cancellation);
        var graph = WorkflowLoader.Load(RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json"));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { FunctionsRoot = RepositoryFiles.Path("functions") });

        string[] completed =
        [
            "create-input", "test-py-api", "test-py-folder", "sync1", "test-run-true", "test-run-false",
            "test-rank(1)", "test-rank(2)", "test-rank(3)", "test-rank(4)", "test-rank(5)", "sync2",
        ];
        foreach (var outcome in result.Instances)
        {
            var expected = outcome.Instance.Name is "test-dontrun-false" or "test-dontrun-true" ? InstanceState.NotRun : InstanceState.Completed;
            Assert.AreEqual(expected, outcome.State, $"{outcome.Instance.Name}: {outcome.Reason}");
        }

        var data = $"integration-tests/{run.InvocationId}/";
        string[] dataFiles =
        [
            "input2.txt", "input3.txt", "output1-py.txt", "output2-py.txt", "output1-folder.txt", "output2-folder.txt",
            "run_true_output.txt", "run_false_output.txt",
            "rank_files/rank1.txt", "rank_files/rank2.txt", "rank_files/rank3.txt", "rank_files/rank4.txt", "rank_files/rank5.txt",
        ];
        var expectedKeys = ExecutorHarness.ExpectedKeys(
            run, completed, completed,
            [run.Folder.CandidateKey("sync1"), run.Folder.CandidateKey("sync2"), .. dataFiles.Select(f => data + f)]);
        CollectionAssert.AreEquivalent(expectedKeys.ToList(), (await harness.KeysAsync(Cancellation)).ToList());

        Assert.AreEqual("test_run_true invoked", await harness.TextAsync(data + "run_true_output.txt", Cancellation));
        Assert.AreEqual("test_run_false invoked", await harness.TextAsync(data + "run_false_output.txt", Cancellation));
        Assert.AreEqual("Test output1", await harness.TextAsync(data + "output1-py.txt", Cancellation));
        for (var rank = 1; rank <= 5; rank++)
        {
            Assert.AreEqual($"Test input for rank {rank}", await harness.TextAsync($"{data}rank_files/rank{rank}.txt", Cancellation));
            StringAssert.Contains(await harness.LogAsync(run, $"test-rank({rank})", Cancellation), $"\nCurrently on rank{rank} out of 5 ranks.\n");
        }

        StringAssert.Contains(await harness.LogAsync(run, "sync1", Cancellation), "\nSync1 Completed: Returning True to invoke test_run_true\n");
        StringAssert.Contains(await harness.LogAsync(run, "sync2", Cancellation), "\nSync2 Completed: every rank and run output is in place\n");
        StringAssert.Contains(await harness.LogAsync(run, "create-input", Cancellation), $"\nUsing invocation ID: {run.InvocationId}\n");
    }
}

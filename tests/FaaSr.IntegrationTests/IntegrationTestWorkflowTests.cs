using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/IntegrationTestWorkflow.json, one run for the class (the workflow of FaaSr's own integration tests). Each test waits for its function
/// and asserts what that function leaves; the dependencies follow the workflow's graph, so a failed function skips the
/// tests of what comes after it. The inputs input1 and input4 are deleted by create-input's successors right after it
/// runs, so their absence is asserted after those successors, and their creation through create-input's log.
/// </summary>
[TestClass]
public sealed class IntegrationTestWorkflowTests(TestContext testContext)
{
    private const string Input2 = "Test input2";
    private const string Input3 = "id,fruit,price\n1,apple,1.99\n2,banana,0.16\n3,strawberry,3.77\n";
    private const string Output1 = "Test output1";
    private const string Output2 = "Test output2";

    private static WorkflowTester tester = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) =>
        tester = await WorkflowTester.StartAsync("workflows/IntegrationTestWorkflow.json", new WorkflowTesterOptions(), context.CancellationToken);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (tester is not null)
        {
            await tester.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task CreateInput()
    {
        Assert.AreEqual(FunctionStatus.Completed, await tester.WaitForAsync("create-input", cancellationToken: Cancellation));
        await tester.AssertLogsContainAsync("create-input", $"Using invocation ID: {tester.InvocationId}", Cancellation);
        await tester.AssertLogsContainAsync("create-input", "Created input1.txt, input2.txt, input3.txt and input4.txt", Cancellation);
        await tester.AssertContentEqualsAsync("input2.txt", Input2, Cancellation);
        await tester.AssertContentEqualsAsync("input3.txt", Input3, Cancellation);
        await tester.AssertObjectDoesNotExistAsync("does_not_exist.txt", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(CreateInput))]
    public async Task PyApi()
    {
        await tester.WaitForAsync("test-py-api", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("test-py-api", Cancellation);
        await tester.AssertObjectDoesNotExistAsync("input1.txt", Cancellation);
        await tester.AssertObjectExistsAsync("input2.txt", Cancellation);
        await tester.AssertObjectExistsAsync("input3.txt", Cancellation);
        await tester.AssertContentEqualsAsync("output1-py.txt", Output1, Cancellation);
        await tester.AssertContentEqualsAsync("output2-py.txt", Output2, Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(CreateInput))]
    public async Task FolderApi()
    {
        await tester.WaitForAsync("test-py-folder", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("test-py-folder", Cancellation);
        await tester.AssertObjectDoesNotExistAsync("input4.txt", Cancellation);
        await tester.AssertObjectExistsAsync("input2.txt", Cancellation);
        await tester.AssertObjectExistsAsync("input3.txt", Cancellation);
        await tester.AssertContentEqualsAsync("output1-folder.txt", Output1, Cancellation);
        await tester.AssertContentEqualsAsync("output2-folder.txt", Output2, Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(PyApi))]
    [DependsOn(nameof(FolderApi))]
    public async Task Sync1JoinsBothBranches()
    {
        await tester.WaitForAsync("sync1", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("sync1", Cancellation);
        await tester.AssertLogsContainAsync("sync1", "Sync1 Completed: Returning True to invoke test_run_true", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(Sync1JoinsBothBranches))]
    public async Task RunTrue()
    {
        await tester.WaitForAsync("test-run-true", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("test-run-true", Cancellation);
        await tester.AssertContentEqualsAsync("run_true_output.txt", "test_run_true invoked", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(Sync1JoinsBothBranches))]
    public async Task DontRunFalseIsNotInvoked()
    {
        Assert.AreEqual(FunctionStatus.NotInvoked, await tester.WaitForAsync("test-dontrun-false", cancellationToken: Cancellation));
        await tester.AssertFunctionNotInvokedAsync("test-dontrun-false", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(RunTrue))]
    public async Task RunFalse()
    {
        await tester.WaitForAsync("test-run-false", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("test-run-false", Cancellation);
        await tester.AssertContentEqualsAsync("run_false_output.txt", "test_run_false invoked", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(RunTrue))]
    public async Task DontRunTrueIsNotInvoked()
    {
        Assert.AreEqual(FunctionStatus.NotInvoked, await tester.WaitForAsync("test-dontrun-true", cancellationToken: Cancellation));
        await tester.AssertFunctionNotInvokedAsync("test-dontrun-true", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(RunFalse))]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(4)]
    [DataRow(5)]
    public async Task TestRank(int rank)
    {
        var instance = $"test-rank({rank})";
        await tester.WaitForAsync(instance, cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync(instance, Cancellation);
        await tester.AssertLogsContainAsync(instance, $"Currently on rank{rank} out of 5 ranks.", Cancellation);
        await tester.AssertContentEqualsAsync($"rank_files/rank{rank}.txt", $"Test input for rank {rank}", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(TestRank))]
    public async Task Sync2JoinsEveryRank()
    {
        await tester.WaitForAsync("sync2", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("sync2", Cancellation);
        await tester.AssertLogsContainAsync("sync2", "Sync2 Completed: every rank and run output is in place", Cancellation);
    }
}

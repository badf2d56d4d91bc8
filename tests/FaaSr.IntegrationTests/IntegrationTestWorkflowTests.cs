using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/IntegrationTestWorkflow.json, one run for the class (the workflow of FaaSr's own integration tests). Each
/// test waits for its function and asserts what that function leaves; the dependencies follow the workflow's graph, so
/// a failed function skips the tests of what comes after it. The inputs input1 and input4 are deleted by create-input's
/// successors right after it runs, so their absence is asserted after those successors, and their creation through
/// create-input's log.
/// </summary>
[TestClass]
[Workflow("workflows/IntegrationTestWorkflow.json")]
public sealed class IntegrationTestWorkflowTests : WorkflowTest<IntegrationTestWorkflowTests>
{
    private const string Input2 = "Test input2";
    private const string Input3 = "id,fruit,price\n1,apple,1.99\n2,banana,0.16\n3,strawberry,3.77\n";
    private const string Output1 = "Test output1";
    private const string Output2 = "Test output2";

    [TestMethod]
    public async Task CreateInput()
    {
        var createInput = Function("create-input");
        await Expect(createInput).ToCompleteAsync();
        await Expect(createInput).ToLogAsync($"Using invocation ID: {Tester.InvocationId}");
        await Expect(createInput).ToLogAsync("Created input1.txt, input2.txt, input3.txt and input4.txt");
        await Expect(Object("input2.txt")).ToHaveContentAsync(Input2);
        await Expect(Object("input3.txt")).ToHaveContentAsync(Input3);
        await Expect(Object("does_not_exist.txt")).NotToExistAsync();
    }

    [TestMethod]
    [DependsOn(nameof(CreateInput))]
    public async Task PyApi()
    {
        await Expect(Function("test-py-api")).ToCompleteAsync();
        await Expect(Object("input1.txt")).NotToExistAsync();
        await Expect(Object("input2.txt")).ToExistAsync();
        await Expect(Object("input3.txt")).ToExistAsync();
        await Expect(Object("output1-py.txt")).ToHaveContentAsync(Output1);
        await Expect(Object("output2-py.txt")).ToHaveContentAsync(Output2);
    }

    [TestMethod]
    [DependsOn(nameof(CreateInput))]
    public async Task FolderApi()
    {
        await Expect(Function("test-py-folder")).ToCompleteAsync();
        await Expect(Object("input4.txt")).NotToExistAsync();
        await Expect(Object("input2.txt")).ToExistAsync();
        await Expect(Object("input3.txt")).ToExistAsync();
        await Expect(Object("output1-folder.txt")).ToHaveContentAsync(Output1);
        await Expect(Object("output2-folder.txt")).ToHaveContentAsync(Output2);
    }

    [TestMethod]
    [DependsOn(nameof(PyApi))]
    [DependsOn(nameof(FolderApi))]
    public async Task Sync1JoinsBothBranches()
    {
        await Expect(Function("sync1")).ToCompleteAsync();
        await Expect(Function("sync1")).ToLogAsync("Sync1 Completed: Returning True to invoke test_run_true");
    }

    [TestMethod]
    [DependsOn(nameof(Sync1JoinsBothBranches))]
    public async Task RunTrue()
    {
        await Expect(Function("test-run-true")).ToCompleteAsync();
        await Expect(Object("run_true_output.txt")).ToHaveContentAsync("test_run_true invoked");
    }

    [TestMethod]
    [DependsOn(nameof(Sync1JoinsBothBranches))]
    public async Task DontRunFalseIsNotInvoked() => await Expect(Function("test-dontrun-false")).NotToBeInvokedAsync();

    [TestMethod]
    [DependsOn(nameof(RunTrue))]
    public async Task RunFalse()
    {
        await Expect(Function("test-run-false")).ToCompleteAsync();
        await Expect(Object("run_false_output.txt")).ToHaveContentAsync("test_run_false invoked");
    }

    [TestMethod]
    [DependsOn(nameof(RunTrue))]
    public async Task DontRunTrueIsNotInvoked() => await Expect(Function("test-dontrun-true")).NotToBeInvokedAsync();

    [TestMethod]
    [DependsOn(nameof(RunFalse))]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(4)]
    [DataRow(5)]
    public async Task TestRank(int rank)
    {
        var instance = Function($"test-rank({rank})");
        await Expect(instance).ToCompleteAsync();
        await Expect(instance).ToLogAsync($"Currently on rank{rank} out of 5 ranks.");
        await Expect(Object($"rank_files/rank{rank}.txt")).ToHaveContentAsync($"Test input for rank {rank}");
    }

    [TestMethod]
    [DependsOn(nameof(TestRank))]
    public async Task Sync2JoinsEveryRank()
    {
        await Expect(Function("sync2")).ToCompleteAsync();
        await Expect(Function("sync2")).ToLogAsync("Sync2 Completed: every rank and run output is in place");
    }
}

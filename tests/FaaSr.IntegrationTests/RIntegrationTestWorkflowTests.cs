using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/RIntegrationTestWorkflow.json: the R part of spec/faasr.md §4.1 beside its Python one. create-input
/// (Python) feeds test-py-api (Python) and test-r-api (R, without arrow); the R fan-in sync1 checks both and returns
/// TRUE, the R test-run-true returns FALSE, and those logical results pick the branches that run.
/// </summary>
[TestClass]
public sealed class RIntegrationTestWorkflowTests(TestContext testContext)
{
    private const string Input2 = "Test input2";
    private const string Input3 = "id,fruit,price\n1,apple,1.99\n2,banana,0.16\n3,strawberry,3.77\n";
    private const string Output1 = "Test output1";
    private const string Output2 = "Test output2";

    private static WorkflowTester tester = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) =>
        tester = await WorkflowTester.StartAsync("workflows/RIntegrationTestWorkflow.json", new WorkflowTesterOptions(), context.CancellationToken);

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
        await tester.AssertLogsContainAsync("create-input", "Created input1.txt, input2.txt, input3.txt and input4.txt", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(CreateInput))]
    public async Task RApi()
    {
        await tester.WaitForAsync("test-r-api", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("test-r-api", Cancellation);
        await tester.AssertLogsContainAsync("test-r-api", "] [INFO] [executor.py] Starting function: test_r_api (R)", Cancellation);
        await tester.AssertLogsContainAsync("test-r-api", $"Using invocation ID: {tester.InvocationId}", Cancellation);
        await tester.AssertObjectDoesNotExistAsync("input4.txt", Cancellation);
        await tester.AssertContentEqualsAsync("input2.txt", Input2, Cancellation);
        await tester.AssertContentEqualsAsync("input3.txt", Input3, Cancellation);
        await tester.AssertContentEqualsAsync("output1-R.txt", Output1, Cancellation);
        await tester.AssertContentEqualsAsync("output2-R.txt", Output2, Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(CreateInput))]
    public async Task PyApi()
    {
        await tester.WaitForAsync("test-py-api", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("test-py-api", Cancellation);
        await tester.AssertObjectDoesNotExistAsync("input1.txt", Cancellation);
        await tester.AssertContentEqualsAsync("output1-py.txt", Output1, Cancellation);
        await tester.AssertContentEqualsAsync("output2-py.txt", Output2, Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(RApi))]
    [DependsOn(nameof(PyApi))]
    public async Task RSync1JoinsBothLanguagesAndReturnsTrue()
    {
        await tester.WaitForAsync("sync1", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("sync1", Cancellation);
        await tester.AssertLogsContainAsync("sync1", "Sync1 Completed: Returning TRUE to invoke test_run_true", Cancellation);
        await tester.AssertLogsContainAsync("sync1", "GitHub Action: Successfully invoked: test-run-true", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(RSync1JoinsBothLanguagesAndReturnsTrue))]
    public async Task RunTrue()
    {
        await tester.WaitForAsync("test-run-true", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("test-run-true", Cancellation);
        await tester.AssertContentEqualsAsync("run_true_output.txt", "test_run_true invoked", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(RSync1JoinsBothLanguagesAndReturnsTrue))]
    public async Task DontRunFalse()
    {
        Assert.AreEqual(FunctionStatus.NotInvoked, await tester.WaitForAsync("test-dontrun-false", cancellationToken: Cancellation));
        await tester.AssertFunctionNotInvokedAsync("test-dontrun-false", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(RunTrue))]
    public async Task RFalseRunsThePythonFalseBranch()
    {
        await tester.WaitForAsync("test-run-false", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("test-run-false", Cancellation);
        await tester.AssertContentEqualsAsync("run_false_output.txt", "test_run_false invoked", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(RunTrue))]
    public async Task DontRunTrue()
    {
        Assert.AreEqual(FunctionStatus.NotInvoked, await tester.WaitForAsync("test-dontrun-true", cancellationToken: Cancellation));
        await tester.AssertFunctionNotInvokedAsync("test-dontrun-true", Cancellation);
    }
}

using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/RIntegrationTestWorkflow.json: the R part of FaaSr's own integration test beside its Python one.
/// create-input (Python) feeds test-py-api (Python) and test-r-api (R, without arrow); the R fan-in sync1 checks both
/// and returns TRUE, the R test-run-true returns FALSE, and those logical results pick the branches that run.
/// </summary>
[TestClass]
[Workflow("workflows/RIntegrationTestWorkflow.json")]
public sealed class RIntegrationTestWorkflowTests : WorkflowTest<RIntegrationTestWorkflowTests>
{
    private const string Input2 = "Test input2";
    private const string Input3 = "id,fruit,price\n1,apple,1.99\n2,banana,0.16\n3,strawberry,3.77\n";
    private const string Output1 = "Test output1";
    private const string Output2 = "Test output2";

    [TestMethod]
    public async Task CreateInput()
    {
        await Expect(Function("create-input")).ToCompleteAsync();
        await Expect(Function("create-input")).ToLogAsync("Created input1.txt, input2.txt, input3.txt and input4.txt");
    }

    [TestMethod]
    [DependsOn(nameof(CreateInput))]
    public async Task RApi()
    {
        var rApi = Function("test-r-api");
        await Expect(rApi).ToCompleteAsync();
        await Expect(rApi).ToLogAsync("] [INFO] [executor.py] Starting function: test_r_api (R)");
        await Expect(rApi).ToLogAsync($"Using invocation ID: {Tester.InvocationId}");
        await Expect(Object("input4.txt")).NotToExistAsync();
        await Expect(Object("input2.txt")).ToHaveContentAsync(Input2);
        await Expect(Object("input3.txt")).ToHaveContentAsync(Input3);
        await Expect(Object("output1-R.txt")).ToHaveContentAsync(Output1);
        await Expect(Object("output2-R.txt")).ToHaveContentAsync(Output2);
    }

    [TestMethod]
    [DependsOn(nameof(CreateInput))]
    public async Task PyApi()
    {
        await Expect(Function("test-py-api")).ToCompleteAsync();
        await Expect(Object("input1.txt")).NotToExistAsync();
        await Expect(Object("output1-py.txt")).ToHaveContentAsync(Output1);
        await Expect(Object("output2-py.txt")).ToHaveContentAsync(Output2);
    }

    [TestMethod]
    [DependsOn(nameof(RApi))]
    [DependsOn(nameof(PyApi))]
    public async Task RSync1JoinsBothLanguagesAndReturnsTrue()
    {
        var sync1 = Function("sync1");
        await Expect(sync1).ToCompleteAsync();
        await Expect(sync1).ToLogAsync("Sync1 Completed: Returning TRUE to invoke test_run_true");
        await Expect(sync1).ToLogAsync("GitHub Action: Successfully invoked: test-run-true");
    }

    [TestMethod]
    [DependsOn(nameof(RSync1JoinsBothLanguagesAndReturnsTrue))]
    public async Task RunTrue()
    {
        await Expect(Function("test-run-true")).ToCompleteAsync();
        await Expect(Object("run_true_output.txt")).ToHaveContentAsync("test_run_true invoked");
    }

    [TestMethod]
    [DependsOn(nameof(RSync1JoinsBothLanguagesAndReturnsTrue))]
    public async Task DontRunFalse() => await Expect(Function("test-dontrun-false")).NotToBeInvokedAsync();

    [TestMethod]
    [DependsOn(nameof(RunTrue))]
    public async Task RFalseRunsThePythonFalseBranch()
    {
        await Expect(Function("test-run-false")).ToCompleteAsync();
        await Expect(Object("run_false_output.txt")).ToHaveContentAsync("test_run_false invoked");
    }

    [TestMethod]
    [DependsOn(nameof(RunTrue))]
    public async Task DontRunTrue() => await Expect(Function("test-dontrun-true")).NotToBeInvokedAsync();
}

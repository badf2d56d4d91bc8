using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;
using FaaSr.Testing.Workflows;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/RFailingWorkflow.json, the R twin of FailingWorkflow (spec/faasr.md §4.2): fail-r stops while handling an
/// error; FaaSr records the R error and the call stack in the log, reports the failure as an ERROR, still writes
/// fail-r's .done, and after-r-failure never runs.
/// </summary>
[TestClass]
public sealed class RFailingWorkflowTests(TestContext testContext)
{
    private static WorkflowTester tester = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) =>
        tester = await WorkflowTester.StartAsync("workflows/RFailingWorkflow.json", new WorkflowTesterOptions(), context.CancellationToken);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (tester is not null)
        {
            await tester.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task FailRFailsAndLogsTheErrorWithItsCallStack()
    {
        Assert.AreEqual(FunctionStatus.Failed, await tester.WaitForAsync("fail-r", shouldFail: true, Cancellation));
        await tester.AssertFunctionFailedAsync("fail-r", Cancellation);
        await tester.AssertLogsContainAsync("fail-r", "\"faasr_user_function\":Errors in the user function - Error in value[[3L]](cond): outside_exception", Cancellation);
        await tester.AssertLogsContainAsync("fail-r", "stop(\"inside_exception\")", Cancellation);
        await tester.AssertLogsContainAsync("fail-r", "stop(\"outside_exception\")", Cancellation);
        await tester.AssertLogsContainAsync("fail-r", "] [ERROR] [executor.py] Unkown error while getting user function return", Cancellation);
        await tester.AssertLogsContainAsync("fail-r", "] [ERROR] [executor.py] Traceback: ", Cancellation);
        var done = tester.Folder.DoneKey(FunctionInstance.Unranked("fail-r"));
        Assert.IsTrue(await tester.Session.StoreFor("S3").ExistsAsync(done, Cancellation), $"FaaSr writes {done} for an R error, as the cloud does.");
    }

    [TestMethod]
    [DependsOn(nameof(FailRFailsAndLogsTheErrorWithItsCallStack))]
    public async Task TheSuccessorOfTheRFailureNeverRuns()
    {
        var state = await tester.Session.Monitor.WaitForFinalAsync("after-r-failure", Cancellation);

        Assert.AreEqual(FunctionStatus.Skipped, state.Status, $"after-r-failure ended {state}");
        await tester.AssertObjectDoesNotExistAsync("after_r_failure.txt", Cancellation);
        Assert.IsFalse(await tester.Session.StoreFor("S3").ExistsAsync(state.LogKey, Cancellation), "after-r-failure left a log.");
    }
}

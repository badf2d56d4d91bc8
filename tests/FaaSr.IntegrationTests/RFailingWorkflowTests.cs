using FaaSr.Testing.MSTest;
using FaaSr.Testing.Workflows;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/RFailingWorkflow.json, the R twin of FailingWorkflow (as in FaaSr's own integration tests): fail-r stops
/// while handling an error; FaaSr records the R error and the call stack in the log, reports the failure as an ERROR,
/// still writes fail-r's .done, and after-r-failure never runs.
/// </summary>
[TestClass]
[Workflow("workflows/RFailingWorkflow.json")]
public sealed class RFailingWorkflowTests : WorkflowTest<RFailingWorkflowTests>
{
    [TestMethod]
    public async Task FailRFailsAndLogsTheErrorWithItsCallStack()
    {
        var failR = Function("fail-r");
        await Expect(failR).ToFailAsync();
        await Expect(failR).ToLogAsync(
            "\"faasr_user_function\":Errors in the user function - Error in value[[3L]](cond): outside_exception");
        await Expect(failR).ToLogAsync("stop(\"inside_exception\")");
        await Expect(failR).ToLogAsync("stop(\"outside_exception\")");
        await Expect(failR).ToLogAsync("] [ERROR] [executor.py] Unkown error while getting user function return");
        await Expect(failR).ToLogAsync("] [ERROR] [executor.py] Traceback: ");
        var done = Tester.Folder.DoneKey(FunctionInstance.Unranked("fail-r"));
        Assert.IsTrue(await Tester.Session.StoreFor("S3").ExistsAsync(done, TestContext.CancellationToken),
            $"FaaSr writes {done} for an R error, as the cloud does.");
    }

    [TestMethod]
    [DependsOn(nameof(FailRFailsAndLogsTheErrorWithItsCallStack))]
    public async Task TheSuccessorOfTheRFailureNeverRuns()
    {
        var afterFailure = Function("after-r-failure");
        await Expect(afterFailure).ToBeSkippedAsync();
        await Expect(Object("after_r_failure.txt")).NotToExistAsync();
        Assert.IsFalse(await Tester.Session.StoreFor("S3").ExistsAsync(afterFailure.State.LogKey, TestContext.CancellationToken),
            "after-r-failure left a log.");
    }
}

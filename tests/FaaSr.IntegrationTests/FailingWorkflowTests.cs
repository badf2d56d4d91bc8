using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/FailingWorkflow.json: prepare reads an input staged through a pre-signed URL, fail-py raises a chained
/// exception, and after-failure, which comes after it, must never run (as in FaaSr's own integration tests).
/// </summary>
[TestClass]
[Workflow("workflows/FailingWorkflow.json")]
public sealed class FailingWorkflowTests : WorkflowTest<FailingWorkflowTests>
{
    private const string StagedText = "Staged input for FailingWorkflow, uploaded through a pre-signed URL.\n";

    protected override WorkflowTesterOptions Options => new()
    {
        Inputs = [new StagedInput("input.txt", "tests/FaaSr.IntegrationTests/Inputs/failing-workflow-input.txt")],
        Transfer = ObjectTransfer.PresignedUrls,
    };

    [TestMethod]
    public async Task PrepareReadsTheStagedInput()
    {
        await Expect(Function("prepare")).ToCompleteAsync();
        await Expect(Object("input.txt")).ToHaveContentAsync(StagedText);
        await Expect(Object("prepared.txt")).ToHaveContentAsync($"Prepared: {StagedText}");
    }

    [TestMethod]
    [DependsOn(nameof(PrepareReadsTheStagedInput))]
    public async Task FailPyFailsAndLogsBothChainedExceptions()
    {
        var failPy = Function("fail-py");
        await Expect(failPy).ToFailAsync();
        await Expect(failPy).ToLogAsync("Exception: inside_exception");
        await Expect(failPy).ToLogAsync("Exception: outside_exception");
    }

    [TestMethod]
    [DependsOn(nameof(FailPyFailsAndLogsBothChainedExceptions))]
    public async Task TheSuccessorOfTheFailureNeverRuns()
    {
        var afterFailure = Function("after-failure");
        await Expect(afterFailure).ToBeSkippedAsync();
        await Expect(Object("after_failure.txt")).NotToExistAsync();
        Assert.IsFalse(await Tester.Session.StoreFor("S3").ExistsAsync(afterFailure.State.LogKey, TestContext.CancellationToken),
            "after-failure left a log.");
    }
}

using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/FailingWorkflow.json: prepare reads an input staged through a pre-signed URL, fail-py raises a chained
/// exception, and after-failure, which comes after it, must never run (as in FaaSr's own integration tests).
/// </summary>
[TestClass]
public sealed class FailingWorkflowTests(TestContext testContext)
{
    private const string StagedText = "Staged input for FailingWorkflow, uploaded through a pre-signed URL.\n";

    private static WorkflowTester tester = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) =>
        tester = await WorkflowTester.StartAsync(
            "workflows/FailingWorkflow.json",
            new WorkflowTesterOptions
            {
                Inputs = [new StagedInput("input.txt", "tests/FaaSr.IntegrationTests/Inputs/failing-workflow-input.txt")],
                Transfer = ObjectTransfer.PresignedUrls,
            },
            context.CancellationToken);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (tester is not null)
        {
            await tester.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task PrepareReadsTheStagedInput()
    {
        await tester.WaitForAsync("prepare", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("prepare", Cancellation);
        await tester.AssertContentEqualsAsync("input.txt", StagedText, Cancellation);
        await tester.AssertContentEqualsAsync("prepared.txt", $"Prepared: {StagedText}", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(PrepareReadsTheStagedInput))]
    public async Task FailPyFailsAndLogsBothChainedExceptions()
    {
        Assert.AreEqual(FunctionStatus.Failed, await tester.WaitForAsync("fail-py", shouldFail: true, Cancellation));
        await tester.AssertFunctionFailedAsync("fail-py", Cancellation);
        await tester.AssertLogsContainAsync("fail-py", "Exception: inside_exception", Cancellation);
        await tester.AssertLogsContainAsync("fail-py", "Exception: outside_exception", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(FailPyFailsAndLogsBothChainedExceptions))]
    public async Task TheSuccessorOfTheFailureNeverRuns()
    {
        var state = await tester.Session.Monitor.WaitForFinalAsync("after-failure", Cancellation);

        Assert.AreEqual(FunctionStatus.Skipped, state.Status, $"after-failure ended {state}");
        await tester.AssertObjectDoesNotExistAsync("after_failure.txt", Cancellation);
        Assert.IsFalse(await tester.Session.StoreFor("S3").ExistsAsync(state.LogKey, Cancellation), "after-failure left a log.");
    }
}

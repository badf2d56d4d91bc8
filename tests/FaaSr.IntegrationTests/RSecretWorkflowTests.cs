using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/RSecretWorkflow.json, the R twin of SecretWorkflow (spec/faasr.md §4.3): an R function reads the declared
/// secret TEST_SECRET; asking for a secret the workflow does not declare fails the R function.
/// </summary>
[TestClass]
public sealed class RSecretWorkflowTests(TestContext testContext)
{
    /// <summary>TEST_SECRET's value for this run: the environment's (or .env's) when set, else a fresh one.</summary>
    private static readonly string SecretValue = Environment.GetEnvironmentVariable("TEST_SECRET") is { Length: > 0 } fromEnvironment
        ? fromEnvironment
        : $"secret-{Guid.NewGuid():N}";

    private static WorkflowTester tester = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) =>
        tester = await WorkflowTester.StartAsync(
            "workflows/RSecretWorkflow.json",
            new WorkflowTesterOptions { FunctionEnvironment = new Dictionary<string, string> { ["TEST_SECRET"] = SecretValue } },
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
    public async Task TheDeclaredSecretReachesTheRFunction()
    {
        await tester.WaitForAsync("r-secret", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("r-secret", Cancellation);
        await tester.AssertContentEqualsAsync("secret_r.txt", SecretValue, Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(TheDeclaredSecretReachesTheRFunction))]
    public async Task AnUndeclaredSecretFailsTheRFunction()
    {
        Assert.AreEqual(FunctionStatus.Failed, await tester.WaitForAsync("r-secret-fail", shouldFail: true, Cancellation));
        await tester.AssertFunctionFailedAsync("r-secret-fail", Cancellation);
        await tester.AssertLogsContainAsync("r-secret-fail", "faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables", Cancellation);
        await tester.AssertObjectDoesNotExistAsync("secret_fail_r.txt", Cancellation);
    }
}

using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/SecretWorkflow.json: the declared secret TEST_SECRET reaches the function that asks for it; a secret the
/// workflow does not declare makes faasr_secret fail the function (as in FaaSr's own integration tests).
/// </summary>
[TestClass]
public sealed class SecretWorkflowTests(TestContext testContext)
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
            "workflows/SecretWorkflow.json",
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
    public async Task TheDeclaredSecretReachesTheFunction()
    {
        await tester.WaitForAsync("python-secret", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("python-secret", Cancellation);
        await tester.AssertContentEqualsAsync("secret_python.txt", SecretValue, Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(TheDeclaredSecretReachesTheFunction))]
    public async Task AnUndeclaredSecretFailsTheFunction()
    {
        Assert.AreEqual(FunctionStatus.Failed, await tester.WaitForAsync("python-secret-fail", shouldFail: true, Cancellation));
        await tester.AssertFunctionFailedAsync("python-secret-fail", Cancellation);
        await tester.AssertLogsContainAsync("python-secret-fail", "faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables", Cancellation);
        await tester.AssertObjectDoesNotExistAsync("secret_fail.txt", Cancellation);
    }
}

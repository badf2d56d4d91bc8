using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/SecretWorkflow.json: the declared secret TEST_SECRET reaches the function that asks for it; a secret the
/// workflow does not declare makes faasr_secret fail the function (as in FaaSr's own integration tests).
/// </summary>
[TestClass]
[Workflow("workflows/SecretWorkflow.json")]
public sealed class SecretWorkflowTests : WorkflowTest<SecretWorkflowTests>
{
    protected override WorkflowTesterOptions Options => new() { FunctionEnvironment = TestSecret.Environment };

    [TestMethod]
    public async Task TheDeclaredSecretReachesTheFunction()
    {
        await Expect(Function("python-secret")).ToCompleteAsync();
        await Expect(Object("secret_python.txt")).ToHaveContentAsync(TestSecret.Value);
    }

    [TestMethod]
    [DependsOn(nameof(TheDeclaredSecretReachesTheFunction))]
    public async Task AnUndeclaredSecretFailsTheFunction()
    {
        await Expect(Function("python-secret-fail")).ToFailAsync();
        await Expect(Function("python-secret-fail")).ToLogAsync(
            "faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables");
        await Expect(Object("secret_fail.txt")).NotToExistAsync();
    }
}

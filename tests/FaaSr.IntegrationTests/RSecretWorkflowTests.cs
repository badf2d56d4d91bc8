using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/RSecretWorkflow.json, the R twin of SecretWorkflow (as in FaaSr's own integration tests): an R function
/// reads the declared secret TEST_SECRET; asking for a secret the workflow does not declare fails the R function.
/// </summary>
[TestClass]
[Workflow("workflows/RSecretWorkflow.json")]
public sealed class RSecretWorkflowTests : WorkflowTest<RSecretWorkflowTests>
{
    protected override WorkflowTesterOptions Options => new() { FunctionEnvironment = TestSecret.Environment };

    [TestMethod]
    public async Task TheDeclaredSecretReachesTheRFunction()
    {
        await Expect(Function("r-secret")).ToCompleteAsync();
        await Expect(Object("secret_r.txt")).ToHaveContentAsync(TestSecret.Value);
    }

    [TestMethod]
    [DependsOn(nameof(TheDeclaredSecretReachesTheRFunction))]
    public async Task AnUndeclaredSecretFailsTheRFunction()
    {
        await Expect(Function("r-secret-fail")).ToFailAsync();
        await Expect(Function("r-secret-fail")).ToLogAsync("faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables");
        await Expect(Object("secret_fail_r.txt")).NotToExistAsync();
    }
}

using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.Local;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;
using FaaSr.Testing.Tests.GitHub;

namespace FaaSr.Testing.Tests.MSTest;

/// <summary>
/// The tester on the cloud profile: the github compute as the tester composes it (the token, store keys and
/// GITHUB_API_URL from the repository's .env), against the GitHub stand-in and the real local s3rver.
/// </summary>
[TestClass]
public sealed class WorkflowTesterGitHubComputeTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task TheTestersCloudProfileRunsTheWorkflowOnGitHubActionsAndLinksEachInstanceToItsRun()
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(GitHubComputeScenario.PlaySuccessAsync, Token);
        await File.WriteAllLinesAsync(Path.Combine(scenario.Root, ".env"), [
            $"GH_PAT={GitHubComputeScenario.Token}",
            $"S3_AccessKey={LocalS3Server.AccessKey}",
            $"S3_SecretKey={LocalS3Server.SecretKey}",
            $"{GitHubApiSettings.ApiUrlVariable}={scenario.StandIn.ApiBaseUrl}api/v3"], Token);
        using var output = new StringWriter();

        await using var tester = await WorkflowTester.StartAsync(
            $"workflows/{GitHubComputeScenario.WorkflowName}.json",
            new WorkflowTesterOptions { RepositoryRoot = scenario.Root, Profile = "cloud",
                PollInterval = TimeSpan.FromMilliseconds(200), Output = output },
            Token);

        Assert.AreEqual("workflow|github", $"{tester.StorageName}|{tester.ComputeName}");
        foreach (var instance in new[] { "start", "work(1)", "work(2)" })
        {
            Assert.AreEqual(FunctionStatus.Completed, await tester.WaitForAsync(instance, cancellationToken: Token), instance);
        }

        CollectionAssert.AreEqual(
            scenario.StandIn.Runs.Select(r => r.HtmlUrl).ToArray(),
            new[] { "start", "work(1)", "work(2)" }.Select(tester.Session.RunUrlOf).ToArray());
        Assert.DoesNotContain(GitHubComputeScenario.Token, output.ToString());
    }
}

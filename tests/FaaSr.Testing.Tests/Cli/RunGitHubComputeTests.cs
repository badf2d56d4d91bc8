using FaaSr.Testing.Cli;
using FaaSr.Testing.Local;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Tests.GitHub;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>
/// <c>faasr-it run WORKFLOW --env cloud --github-api-url URL</c>: the cloud profile's github compute, pointed at a
/// GitHub Enterprise style API root (the GitHub stand-in's /api/v3), with the token and store keys from the clone's
/// .env, the functions' objects in the real local s3rver (written by the stand-in runner).
/// </summary>
[TestClass]
public sealed class RunGitHubComputeTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task RunOnTheCloudProfileFollowsEveryRunAtTheGivenApiRootAndKeepsEachRunPageInTheRecord()
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(GitHubComputeScenario.PlaySuccessAsync, Token);
        await File.WriteAllLinesAsync(Path.Combine(scenario.Root, ".env"), [
            $"GH_PAT={GitHubComputeScenario.Token}",
            $"S3_AccessKey={LocalS3Server.AccessKey}", $"S3_SecretKey={LocalS3Server.SecretKey}"], Token);
        var runs = Path.Combine(scenario.Root, "runs");

        var (exitCode, output, error) = await InProcessCli.RunAsync(
            "run", scenario.WorkflowFile, "--env", "cloud", "--github-api-url", $"{scenario.StandIn.ApiBaseUrl}api/v3",
            "--plain", "--runs", runs, "--timeout", "120");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, $"compute github (GitHub Actions at {scenario.StandIn.ApiBaseUrl}api/v3/)");
        var record = await RunRecordFile.ReadAsync(Directory.GetFiles(runs, "*.json").Single(), Token);
        Assert.AreEqual("cloud|workflow|github", $"{record.Profile}|{record.Storage}|{record.Compute}");
        CollectionAssert.AreEqual(
            scenario.StandIn.Runs.Select(r => r.HtmlUrl).ToArray(),
            new[] { "start", "work(1)", "work(2)" }.Select(name => record.Functions.Single(f => f.Name == name).RunUrl).ToArray());
        Assert.IsTrue(scenario.StandIn.Requests.Where(r => r.Header("user-agent")?.StartsWith("faasr-it", StringComparison.Ordinal) == true)
            .All(r => r.Path.StartsWith("/api/v3/", StringComparison.Ordinal)), "every call went to the given API root");
        Assert.DoesNotContain(GitHubComputeScenario.Token, output + error);
    }
}

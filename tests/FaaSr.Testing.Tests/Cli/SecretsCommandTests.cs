using FaaSr.Testing.Cli;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Tests.GitHub;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>faasr-it secrets sync end to end against the GitHub stand-in, at its loopback API root (--github-api-url).</summary>
[TestClass]
public sealed class SecretsCommandTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task SyncSetsEverySecretAndListsNamesAndSourcesNeverValues()
    {
        using var folder = CloudWorkflowFolder.Create();
        await using var standIn = await StartAsync();

        var result = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--github-api-url", standIn.ApiBaseUrl.ToString());

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Error);
        var lines = result.Output.Trim().Split('\n');
        CollectionAssert.AreEqual(
            folder.Values.Keys.Select(name => $"owner/repo: set {name} (from {folder.EnvFile})").Append($"Set 4 secrets in owner/repo at {standIn.ApiBaseUrl}; values are never shown.").ToArray(),
            lines);
        foreach (var (name, value) in folder.Values)
        {
            Assert.AreEqual(value, standIn.Repository("owner/repo").Secret(name)!.Value);
            Assert.DoesNotContain(value, result.Output + result.Error);
        }
    }

    [TestMethod]
    public async Task DryRunSaysWhatWouldBeSetWithoutContactingGitHub()
    {
        using var folder = CloudWorkflowFolder.Create();
        await using var standIn = await StartAsync();

        var result = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--dry-run", "--repo", "fork/faasr-it", "--github-api-url", standIn.ApiBaseUrl.ToString());

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, $"fork/faasr-it: would set {folder.Secret} (from {folder.EnvFile})");
        StringAssert.Contains(result.Output, "Dry run: 4 secrets for fork/faasr-it; GitHub was not contacted.");
        Assert.IsEmpty(standIn.Requests);
    }

    [TestMethod]
    public async Task AMissingValueIsRefusedBeforeAnyRequestUnlessSkipped()
    {
        using var folder = CloudWorkflowFolder.Create();
        var values = new Dictionary<string, string>(folder.Values);
        values.Remove(folder.Secret);
        folder.WriteEnv(values);
        await using var standIn = await StartAsync();

        var refused = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--github-api-url", standIn.ApiBaseUrl.ToString());

        Assert.AreEqual(ExitCodes.BadInput, refused.ExitCode);
        StringAssert.StartsWith(refused.Error, $"secrets sync: No value in the environment or {folder.EnvFile} for {folder.Secret}, which the workflow's jobs import;");
        StringAssert.Contains(refused.Error, "Nothing was set.");
        Assert.IsEmpty(standIn.Requests);

        var skipped = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--skip-missing", "--github-api-url", standIn.ApiBaseUrl.ToString());

        Assert.AreEqual(ExitCodes.Success, skipped.ExitCode, skipped.Error);
        Assert.AreEqual($"secrets sync: skipped {folder.Secret}: no value in the environment or {folder.EnvFile}.", skipped.Error.Trim());
        Assert.IsNull(standIn.Repository("owner/repo").Secret(folder.Secret));
        Assert.IsNotNull(standIn.Repository("owner/repo").Secret("GH_PAT"));
    }

    [TestMethod]
    public async Task RefusedTokensExitTwoAndFailingServersExitThreeWithTheEndpointAndNeverTheToken()
    {
        using var folder = CloudWorkflowFolder.Create();
        await using var strict = await StartAsync(acceptedTokens: ["not-this-one"]);
        await using var failing = await StartAsync();
        failing.AddFault(new StandInFault("GET", "/public-key$", 500, "Internal Server Error"));

        var unauthorized = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--github-api-url", strict.ApiBaseUrl.ToString());
        var unavailable = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--github-api-url", failing.ApiBaseUrl.ToString());

        Assert.AreEqual(ExitCodes.BadInput, unauthorized.ExitCode, unauthorized.Error);
        StringAssert.StartsWith(unauthorized.Error, $"secrets sync: GET {strict.ApiBaseUrl}repos/owner/repo/actions/secrets/public-key: GitHub answered 401 Bad credentials.");
        Assert.AreEqual(ExitCodes.EnvironmentProblem, unavailable.ExitCode, unavailable.Error);
        StringAssert.StartsWith(unavailable.Error, $"secrets sync: GET {failing.ApiBaseUrl}repos/owner/repo/actions/secrets/public-key: GitHub answered 500 Internal Server Error (after 3 attempts).");
        Assert.DoesNotContain(CloudWorkflowFolder.Token, unauthorized.Output + unauthorized.Error + unavailable.Output + unavailable.Error);
    }

    [TestMethod]
    public async Task BadArgumentsAndAnInvalidWorkflowExitTwo()
    {
        using var folder = CloudWorkflowFolder.Create();
        File.WriteAllText(Path.Combine(folder.Root, "broken.json"), "{");

        var badRepository = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--repo", "only-owner", "--dry-run");
        var badUrl = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--github-api-url", "ftp://example.invalid");
        var missingEnv = await InProcessCli.RunAsync("secrets", "sync", folder.WorkflowFile, "--env-file", Path.Combine(folder.Root, "absent.env"));
        var invalid = await InProcessCli.RunAsync("secrets", "sync", Path.Combine(folder.Root, "broken.json"));

        Assert.AreEqual(ExitCodes.BadInput, badRepository.ExitCode);
        StringAssert.Contains(badRepository.Error, "--repo 'only-owner' is not a GitHub repository: expected OWNER/NAME");
        Assert.AreEqual(ExitCodes.BadInput, badUrl.ExitCode);
        StringAssert.Contains(badUrl.Error, "--github-api-url 'ftp://example.invalid' is not a GitHub API root");
        Assert.AreEqual(ExitCodes.BadInput, missingEnv.ExitCode);
        StringAssert.Contains(missingEnv.Error, "absent.env: no such file.");
        Assert.AreEqual(ExitCodes.BadInput, invalid.ExitCode);
        StringAssert.Contains(invalid.Error, "broken.json");
    }

    private Task<GitHubStandIn> StartAsync(IReadOnlyCollection<string>? acceptedTokens = null) =>
        GitHubStandIn.StartAsync(
            new GitHubStandInOptions { Repositories = [new StandInRepositorySource("owner", "repo", null)], AcceptedTokens = acceptedTokens },
            Token);
}

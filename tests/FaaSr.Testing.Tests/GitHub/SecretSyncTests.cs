using System.Text;
using System.Text.Json.Nodes;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.Secrets;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Profiles;
using Sodium;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// Contract tests of secrets sync against the GitHub stand-in (GitHub's API cannot be reached from a test machine):
/// every request's path, headers and body, the sealed values opened with the stand-in's private key, and the handling
/// of 401, 403 with rate-limit headers, 404, 422 and 5xx. No message holds the token or a value.
/// </summary>
[TestClass]
public sealed class SecretSyncTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task EverySecretTheJobsImportIsSealedForTheRepositoryKeyAndOpensWithItsPrivateKey()
    {
        using var folder = CloudWorkflowFolder.Create();
        await using var standIn = await StartAsync();
        var settings = Settings(folder);
        var plan = SecretSyncPlan.For([folder.Document], settings, null);
        var reported = new List<string>();

        var lines = await new SecretSync(Connect(standIn)).ApplyAsync(plan, settings, reported.Add, Token);

        CollectionAssert.AreEqual(new[] { "GH_PAT", $"{folder.Store}_AccessKey", $"{folder.Store}_SecretKey", folder.Secret }, plan.Secrets.Select(s => s.Name).ToArray());
        Assert.IsEmpty(plan.Missing);
        CollectionAssert.AreEqual(reported, lines.ToList());
        CollectionAssert.AreEqual(plan.Secrets.Select(s => $"owner/repo: set {s.Name} (from {folder.EnvFile})").ToArray(), lines.ToArray());
        var repository = standIn.Repository("owner/repo");
        foreach (var (name, value) in folder.Values)
        {
            var stored = repository.Secret(name);
            Assert.IsNotNull(stored, name);
            Assert.AreEqual(name.ToUpperInvariant(), stored.Name);
            Assert.AreEqual(value, stored.Value);
            var opened = SealedPublicKeyBox.Open(Convert.FromBase64String(stored.EncryptedValue), repository.SecretsKeyPair.PrivateKey, repository.SecretsKeyPair.PublicKey);
            Assert.AreEqual(value, Encoding.UTF8.GetString(opened));
            Assert.AreEqual(repository.SecretsKeyId, stored.KeyId);
        }

        var requests = standIn.Requests;
        Assert.AreEqual("GET /repos/owner/repo/actions/secrets/public-key", $"{requests[0].Method} {requests[0].ApiPath}");
        Assert.HasCount(1, requests.Where(r => r.ApiPath.EndsWith("/public-key", StringComparison.Ordinal)), "the key is fetched once per repository");
        var puts = requests.Where(r => r.Method == "PUT").ToList();
        CollectionAssert.AreEqual(plan.Secrets.Select(s => $"/repos/owner/repo/actions/secrets/{s.Name}").ToArray(), puts.Select(p => p.ApiPath).ToArray());
        foreach (var request in requests)
        {
            Assert.AreEqual($"token {CloudWorkflowFolder.Token}", request.Header("authorization"), StringComparer.OrdinalIgnoreCase, request.ToString());
            StringAssert.StartsWith(request.Header("user-agent"), "faasr-it");
            StringAssert.Contains(request.Header("accept"), "application/vnd.github");
        }

        foreach (var put in puts)
        {
            var body = JsonNode.Parse(put.BodyText)!.AsObject();
            CollectionAssert.AreEquivalent(new[] { "encrypted_value", "key_id" }, body.Select(p => p.Key).ToArray());
            Assert.AreEqual(repository.SecretsKeyId, body["key_id"]!.GetValue<string>());
            foreach (var value in folder.Values.Values)
            {
                Assert.DoesNotContain(value, put.BodyText, "only the sealed value is sent");
            }
        }
    }

    [TestMethod]
    public async Task TwoSealsOfTheSameValueDifferAndATamperedBoxIsRefusedByTheStandIn()
    {
        await using var standIn = await StartAsync();
        var repository = standIn.Repository("owner/repo");
        var key = Convert.ToBase64String(repository.SecretsKeyPair.PublicKey);

        var first = SecretSealer.Seal("value", key, "owner/repo");
        var second = SecretSealer.Seal("value", key, "owner/repo");

        Assert.AreNotEqual(first, second);
        Assert.AreEqual(5 + 48, Convert.FromBase64String(first).Length, "a sealed box adds an ephemeral key (32 B) and a MAC (16 B)");
        Assert.ThrowsExactly<FaaSr.Testing.Errors.EnvironmentProblemException>(() => SecretSealer.Seal("value", Convert.ToBase64String(new byte[31]), "owner/repo"));
    }

    [TestMethod]
    public async Task ATokenGitHubRefusesIs401NamingTheEndpointAndTheVariableNotTheToken()
    {
        using var folder = CloudWorkflowFolder.Create();
        await using var standIn = await StartAsync(acceptedTokens: ["another-token"]);

        var exception = await Assert.ThrowsExactlyAsync<GitHubRequestException>(() => SyncAsync(folder, standIn));

        Assert.AreEqual(401, exception.Status);
        StringAssert.StartsWith(exception.Message, $"GET {standIn.ApiBaseUrl}repos/owner/repo/actions/secrets/public-key: GitHub answered 401 Bad credentials.");
        StringAssert.Contains(exception.Message, "the token in GH_PAT");
        StringAssert.Contains(exception.Message, "set before this: none");
        AssertHoldsNoSecret(folder, exception.ToString());
        Assert.IsNull(standIn.Repository("owner/repo").Secret("GH_PAT"));
    }

    [TestMethod]
    public async Task ARateLimitThatLiftsSoonIsWaitedForAndOneThatLastsIsReportedWithItsResetTime()
    {
        using var folder = CloudWorkflowFolder.Create();
        await using var standIn = await StartAsync();
        standIn.AddFault(new StandInFault("PUT", "/actions/secrets/GH_PAT$", 403, "You have exceeded a secondary rate limit.", new Dictionary<string, string> { ["retry-after"] = "1" }, Times: 1));
        var started = DateTimeOffset.UtcNow;

        await SyncAsync(folder, standIn);

        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow - started, "retry-after is honoured");
        Assert.AreEqual(folder.Values["GH_PAT"], standIn.Repository("owner/repo").Secret("GH_PAT")!.Value);

        var reset = DateTimeOffset.UtcNow.AddHours(1);
        standIn.AddFault(StandInFault.RateLimited("PUT", $"/actions/secrets/{folder.Store}_SecretKey$", reset));
        var exception = await Assert.ThrowsExactlyAsync<GitHubServiceException>(() => SyncAsync(folder, standIn));

        Assert.AreEqual(403, exception.Status);
        Assert.IsNotNull(exception.RateLimitResetsAt);
        Assert.IsLessThan(TimeSpan.FromSeconds(3), (exception.RateLimitResetsAt.Value - reset).Duration());
        StringAssert.StartsWith(exception.Message, $"PUT {standIn.ApiBaseUrl}repos/owner/repo/actions/secrets/{folder.Store}_SecretKey: GitHub's rate limit is exhausted (403 API rate limit exceeded");
        StringAssert.Contains(exception.Message, $"it lifts at {exception.RateLimitResetsAt.Value:HH:mm:ss} UTC");
        StringAssert.Contains(exception.Message, $"set before this: GH_PAT, {folder.Store}_AccessKey; not set: {folder.Store}_SecretKey, {folder.Secret}");
        AssertHoldsNoSecret(folder, exception.ToString());
    }

    [TestMethod]
    public async Task AnUnknownRepositoryIs404AndInvalidDataIs422WithGitHubsMessage()
    {
        using var folder = CloudWorkflowFolder.Create(owner: "someone", repository: "elsewhere");
        await using var standIn = await StartAsync();

        var missing = await Assert.ThrowsExactlyAsync<GitHubRequestException>(() => SyncAsync(folder, standIn));

        Assert.AreEqual(404, missing.Status);
        StringAssert.StartsWith(missing.Message, $"GET {standIn.ApiBaseUrl}repos/someone/elsewhere/actions/secrets/public-key: GitHub answered 404 Not Found.");
        StringAssert.Contains(missing.Message, "cannot see it");

        standIn.AddFault(new StandInFault("PUT", $"/actions/secrets/{folder.Secret}$", 422, "Invalid request.\n\nkey_id is not the repository's key."));
        var invalid = await Assert.ThrowsExactlyAsync<GitHubRequestException>(() => SyncAsync(folder, standIn, "owner/repo"));

        Assert.AreEqual(422, invalid.Status);
        StringAssert.StartsWith(invalid.Message, $"PUT {standIn.ApiBaseUrl}repos/owner/repo/actions/secrets/{folder.Secret}: GitHub answered 422 Invalid request.");
        StringAssert.Contains(invalid.Message, "key_id is not the repository's key.");
        StringAssert.Contains(invalid.Message, $"not set: {folder.Secret}.");
        AssertHoldsNoSecret(folder, missing.ToString() + invalid);
    }

    [TestMethod]
    public async Task AServerErrorIsTriedAgainAndOneThatStaysIsAnEnvironmentProblemAfterEveryAttempt()
    {
        using var folder = CloudWorkflowFolder.Create();
        await using var standIn = await StartAsync();
        standIn.AddFault(new StandInFault("GET", "/actions/secrets/public-key$", 502, "Server Error", Times: 2));

        await SyncAsync(folder, standIn);

        Assert.HasCount(3, standIn.Requests.Where(r => r.ApiPath.EndsWith("/public-key", StringComparison.Ordinal)));
        Assert.IsNotNull(standIn.Repository("owner/repo").Secret(folder.Secret));

        standIn.AddFault(new StandInFault("PUT", "/actions/secrets/GH_PAT$", 503, "Service Unavailable"));
        var exception = await Assert.ThrowsExactlyAsync<GitHubServiceException>(() => SyncAsync(folder, standIn));

        Assert.AreEqual(503, exception.Status);
        Assert.IsNull(exception.RateLimitResetsAt);
        StringAssert.StartsWith(exception.Message, $"PUT {standIn.ApiBaseUrl}repos/owner/repo/actions/secrets/GH_PAT: GitHub answered 503 Service Unavailable (after 3 attempts).");
        AssertHoldsNoSecret(folder, exception.ToString());
    }

    [TestMethod]
    public async Task NoAnswerAtAllIsAnEnvironmentProblemNamingTheEndpoint()
    {
        using var folder = CloudWorkflowFolder.Create();
        var closed = new Uri("http://127.0.0.1:9/");
        var github = new GitHubConnection(new GitHubApiSettings(closed, CloudWorkflowFolder.Token, "GH_PAT") { ServerErrorDelay = TimeSpan.FromMilliseconds(10) });
        var settings = Settings(folder);

        var exception = await Assert.ThrowsExactlyAsync<GitHubServiceException>(() =>
            new SecretSync(github).ApplyAsync(SecretSyncPlan.For([folder.Document], settings, null), settings, _ => { }, Token));

        Assert.IsNull(exception.Status);
        StringAssert.StartsWith(exception.Message, "GET http://127.0.0.1:9/repos/owner/repo/actions/secrets/public-key: no answer from GitHub (after 3 attempts)");
    }

    [TestMethod]
    public void ThePlanNamesWhatHasNoValueAndRefusesNamesGitHubRefuses()
    {
        using var folder = CloudWorkflowFolder.Create();
        var values = new Dictionary<string, string>(folder.Values);
        values.Remove(folder.Secret);
        var settings = new SettingSources(values, "/x/.env", name => name == "GH_PAT" ? "from-shell" : null);

        var plan = SecretSyncPlan.For([folder.Document], settings, RepositoryName.Parse("other/place", "--repo"));

        CollectionAssert.AreEqual(new[] { folder.Secret }, plan.Missing.ToList());
        Assert.AreEqual("the environment", plan.Secrets.Single(s => s.Name == "GH_PAT").Source);
        Assert.AreEqual("/x/.env", plan.Secrets.Single(s => s.Name == $"{folder.Store}_AccessKey").Source);
        Assert.AreEqual("other/place", plan.Repositories.Single().ToString());
        var reserved = folder.Document with { Secrets = ["GITHUB_SECRET"] };
        var refused = Assert.ThrowsExactly<FaaSr.Testing.Errors.BadInputException>(() => SecretSyncPlan.For([reserved], settings, null));
        StringAssert.Contains(refused.Message, "GITHUB_SECRET");
        Assert.ThrowsExactly<FaaSr.Testing.Errors.BadInputException>(() => RepositoryName.Parse("no-slash", "--repo"));
    }

    private Task<IReadOnlyList<string>> SyncAsync(CloudWorkflowFolder folder, GitHubStandIn standIn, string? repository = null)
    {
        var settings = Settings(folder);
        var plan = SecretSyncPlan.For([folder.Document], settings, repository is null ? null : RepositoryName.Parse(repository, "--repo"));
        return new SecretSync(Connect(standIn)).ApplyAsync(plan, settings, _ => { }, Token);
    }

    private static SettingSources Settings(CloudWorkflowFolder folder) => new(folder.Values, folder.EnvFile, _ => null);

    private static GitHubConnection Connect(GitHubStandIn standIn) =>
        new(new GitHubApiSettings(standIn.ApiBaseUrl, CloudWorkflowFolder.Token, "GH_PAT") { ServerErrorDelay = TimeSpan.FromMilliseconds(10) });

    private static void AssertHoldsNoSecret(CloudWorkflowFolder folder, string text)
    {
        foreach (var value in folder.Values.Values)
        {
            Assert.DoesNotContain(value, text);
        }
    }

    private Task<GitHubStandIn> StartAsync(IReadOnlyCollection<string>? acceptedTokens = null) =>
        GitHubStandIn.StartAsync(
            new GitHubStandInOptions { Repositories = [new StandInRepositorySource("owner", "repo", null)], AcceptedTokens = acceptedTokens },
            Token);
}

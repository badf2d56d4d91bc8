using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaaSr.Testing.GitHub.StandIn;
using Sodium;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>Each route of the stand-in, byte for byte, over its plain loopback address.</summary>
[TestClass]
public sealed class GitHubStandInRoutesTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task ContentsOfAFileAreItsBytesInBase64WithGitsBlobSha()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);

        var json = await GetJsonAsync(client, "repos/owner/repo/contents/data.bin?ref=main");

        Assert.AreEqual("file", json["type"]!.GetValue<string>());
        Assert.AreEqual("base64", json["encoding"]!.GetValue<string>());
        Assert.AreEqual("data.bin", json["path"]!.GetValue<string>());
        Assert.AreEqual(StandInFolder.Binary.Length, json["size"]!.GetValue<int>());
        CollectionAssert.AreEqual(StandInFolder.Binary, Convert.FromBase64String(json["content"]!.GetValue<string>()));
        Assert.AreEqual(await folder.GitAsync(Token, "hash-object", "data.bin"), json["sha"]!.GetValue<string>(), "sha is git's blob id");
    }

    [TestMethod]
    public async Task LongContentIsSentInLinesOfSixtyCharactersAsGitHubDoes()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        folder.Write("long.txt", new string('x', 200));
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);

        var content = (await GetJsonAsync(client, "repos/owner/repo/contents/long.txt"))["content"]!.GetValue<string>();

        var lines = content.Split('\n');
        Assert.AreEqual(string.Empty, lines[^1], "ends with a newline");
        Assert.IsTrue(lines[..^1].All(l => l.Length <= 60) && lines[0].Length == 60, content);
        Assert.AreEqual(new string('x', 200), Encoding.UTF8.GetString(Convert.FromBase64String(content)));
    }

    [TestMethod]
    public async Task AFolderIsListedWithItsFilesAndSubfolders()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);

        var root = (JsonArray)(await GetNodeAsync(client, "repos/owner/repo/contents"))!;
        var functions = (JsonArray)(await GetNodeAsync(client, "repos/owner/repo/contents/functions/Flow"))!;

        CollectionAssert.AreEqual(
            new[] { ".gitignore:file", "README.md:file", "data.bin:file", "functions:dir", "untracked.txt:file", "workflows:dir" },
            root.Select(e => $"{e!["name"]}:{e["type"]}").ToArray());
        CollectionAssert.AreEqual(new[] { "functions/Flow/run.sh", "functions/Flow/step.py" }, functions.Select(e => e!["path"]!.GetValue<string>()).ToArray());
    }

    [TestMethod]
    public async Task MissingIgnoredAndEscapingPathsUnknownRepositoriesAndOtherRefsAre404WithGitHubsMessage()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);

        foreach (var path in new[] { "repos/owner/repo/contents/nope.txt", "repos/owner/repo/contents/bin/output.dll", "repos/owner/repo/contents/../repo/README.md", "repos/owner/other/contents/README.md", "repos/owner/repo/contents/.git/config" })
        {
            using var response = await client.GetAsync(path, Token);
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, path);
            Assert.AreEqual("Not Found", JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["message"]!.GetValue<string>(), path);
        }

        using var otherRef = await client.GetAsync("repos/owner/repo/contents/README.md?ref=feature", Token);
        Assert.AreEqual(HttpStatusCode.NotFound, otherRef.StatusCode);
        Assert.AreEqual("No commit found for the ref feature", JsonNode.Parse(await otherRef.Content.ReadAsStringAsync(Token))!["message"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task TheTarballStartsWithTheRootFolderAndHoldsTheBranchsFilesBelowIt()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);

        using var response = await client.GetAsync("repos/owner/repo/tarball", Token);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/x-gzip", response.Content.Headers.ContentType!.MediaType);
        var root = $"owner-repo-{standIn.Repository("owner/repo").HeadSha[..7]}/";
        var entries = await ReadTarAsync(bytes);
        Assert.AreEqual(root, entries[0].Name, "the first member is the root folder");
        Assert.AreEqual(TarEntryType.Directory, entries[0].Type);
        Assert.IsTrue(entries.All(e => e.Name.StartsWith(root, StringComparison.Ordinal)));
        var files = entries.Where(e => e.Type == TarEntryType.RegularFile).ToDictionary(e => e.Name[root.Length..], e => e.Content);
        CollectionAssert.AreEquivalent(new[] { ".gitignore", "README.md", "data.bin", "functions/Flow/run.sh", "functions/Flow/step.py", "untracked.txt", "workflows/Flow.json" }, files.Keys.ToArray());
        CollectionAssert.AreEqual(StandInFolder.Binary, files["data.bin"]);
        Assert.AreEqual("def step():\n    return True\n", Encoding.UTF8.GetString(files["functions/Flow/step.py"]));
        var folders = entries.Where(e => e.Type == TarEntryType.Directory).Select(e => e.Name[root.Length..]).ToArray();
        CollectionAssert.AreEqual(new[] { "", "functions/", "functions/Flow/", "workflows/" }, folders);
        Assert.AreNotEqual((UnixFileMode)0, entries.Single(e => e.Name.EndsWith("run.sh", StringComparison.Ordinal)).Mode & UnixFileMode.UserExecute);
    }

    [TestMethod]
    public async Task ADispatchOfAnUnregisteredWorkflowIs404AndOfARegisteredOneIsRecordedRaisedAnd204()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        var raised = new List<WorkflowDispatch>();
        await using var standIn = await GitHubStandIn.StartAsync(
            new GitHubStandInOptions
            {
                Repositories = [new StandInRepositorySource("owner", "repo", folder.Root)],
                OnDispatch = (dispatch, _) =>
                {
                    lock (raised)
                    {
                        raised.Add(dispatch);
                    }

                    return Task.CompletedTask;
                },
            },
            Token);
        using var client = Client(standIn);
        const string body = """{"ref": "main", "inputs": {"OVERWRITTEN": "{\"FunctionInvoke\": \"b\", \"InvocationID\": \"id-1\"}", "PAYLOAD_URL": "owner/repo/main/workflows/Flow.json"}}""";

        using var unregistered = await client.PostAsync("repos/owner/repo/actions/workflows/Flow-b.yml/dispatches", Json(body), Token);
        await PutAsync(client, "repos/owner/repo/contents/.github/workflows/Flow-b.yml", new JsonObject { ["message"] = "register", ["content"] = Base64("name: Flow-b\n") });
        using var registered = await client.PostAsync("repos/owner/repo/actions/workflows/Flow-b.yml/dispatches", Json(body), Token);

        Assert.AreEqual(HttpStatusCode.NotFound, unregistered.StatusCode);
        Assert.AreEqual(HttpStatusCode.NoContent, registered.StatusCode);
        var dispatch = standIn.Dispatches.Single();
        Assert.AreEqual(("owner", "repo", "Flow-b.yml", "main"), (dispatch.Owner, dispatch.Repository, dispatch.WorkflowFile, dispatch.Ref));
        Assert.AreEqual("""{"FunctionInvoke": "b", "InvocationID": "id-1"}""", dispatch.Overwritten);
        Assert.AreEqual("owner/repo/main/workflows/Flow.json", dispatch.PayloadUrl);
        Assert.AreSame(dispatch, raised.Single());
        Assert.DoesNotContain("InvocationID", dispatch.ToString(), "inputs are printed by name only");
    }

    [TestMethod]
    public async Task ADispatchWithoutRefOrToAnotherBranchIs422AndRunDetailsAreReturnedWhenAsked()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await GitHubStandIn.StartAsync(
            new GitHubStandInOptions { Repositories = [new StandInRepositorySource("owner", "repo", folder.Root)], RequireRegisteredWorkflows = false },
            Token);
        using var client = Client(standIn);

        using var noRef = await client.PostAsync("repos/owner/repo/actions/workflows/x.yml/dispatches", Json("""{"inputs": {}}"""), Token);
        using var otherBranch = await client.PostAsync("repos/owner/repo/actions/workflows/x.yml/dispatches", Json("""{"ref": "dev"}"""), Token);
        using var details = await client.PostAsync("repos/owner/repo/actions/workflows/x.yml/dispatches", Json("""{"ref": "main", "return_run_details": true}"""), Token);

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, noRef.StatusCode);
        StringAssert.Contains(await noRef.Content.ReadAsStringAsync(Token), "\\u0022ref\\u0022 wasn\\u0027t supplied.");
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, otherBranch.StatusCode);
        Assert.AreEqual("No ref found for: dev", JsonNode.Parse(await otherBranch.Content.ReadAsStringAsync(Token))!["message"]!.GetValue<string>());
        Assert.AreEqual(HttpStatusCode.OK, details.StatusCode);
        var run = JsonNode.Parse(await details.Content.ReadAsStringAsync(Token))!;
        Assert.AreEqual(standIn.Dispatches.Single().RunId, run["workflow_run_id"]!.GetValue<long>());
        Assert.AreEqual($"{standIn.ApiBaseUrl}repos/owner/repo/actions/runs/{standIn.Dispatches.Single().RunId}", run["run_url"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task ContentsPutCreatesThenUpdatesOnlyWithTheCurrentShaAndNeverWritesTheFolder()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);
        const string path = "repos/owner/repo/contents/README.md";
        var current = (await GetJsonAsync(client, path))["sha"]!.GetValue<string>();

        using var noSha = await client.PutAsync(path, Json(new JsonObject { ["message"] = "m", ["content"] = Base64("new") }), Token);
        using var staleSha = await client.PutAsync(path, Json(new JsonObject { ["message"] = "m", ["content"] = Base64("new"), ["sha"] = new string('0', 40) }), Token);
        using var updated = await client.PutAsync(path, Json(new JsonObject { ["message"] = "update readme", ["content"] = Base64("new"), ["sha"] = current, ["branch"] = "main" }), Token);
        using var created = await client.PutAsync("repos/owner/repo/contents/.github/workflows/Flow-a.yml", Json(new JsonObject { ["message"] = "add", ["content"] = Base64("name: Flow-a\n") }), Token);

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, noSha.StatusCode);
        Assert.AreEqual(HttpStatusCode.Conflict, staleSha.StatusCode);
        Assert.AreEqual($"README.md does not match {new string('0', 40)}", JsonNode.Parse(await staleSha.Content.ReadAsStringAsync(Token))!["message"]!.GetValue<string>());
        Assert.AreEqual(HttpStatusCode.OK, updated.StatusCode);
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        var change = JsonNode.Parse(await updated.Content.ReadAsStringAsync(Token))!;
        Assert.AreEqual("update readme", change["commit"]!["message"]!.GetValue<string>());
        Assert.AreEqual(GitObjectSha("new"), change["content"]!["sha"]!.GetValue<string>());
        Assert.AreEqual("new", Encoding.UTF8.GetString(Convert.FromBase64String((await GetJsonAsync(client, path))["content"]!.GetValue<string>())));
        Assert.AreEqual("# served by the stand-in\n", await File.ReadAllTextAsync(Path.Combine(folder.Root, "README.md"), Token), "the folder is never written");
        Assert.IsFalse(Directory.Exists(Path.Combine(folder.Root, ".github")));
        var written = standIn.Repository("owner/repo").WrittenFiles;
        CollectionAssert.AreEquivalent(new[] { "README.md", ".github/workflows/Flow-a.yml" }, written.Keys.ToArray());
        var saved = Directory.CreateTempSubdirectory("faasr-it-standin-saved-").FullName;
        try
        {
            await standIn.Repository("owner/repo").SaveWrittenFilesAsync(saved, Token);
            Assert.AreEqual("name: Flow-a\n", await File.ReadAllTextAsync(Path.Combine(saved, ".github/workflows/Flow-a.yml"), Token));
        }
        finally
        {
            Directory.Delete(saved, recursive: true);
        }
    }

    [TestMethod]
    public async Task RepositoryGetAndCreateAndTheAuthenticatedUser()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);

        var repository = await GetJsonAsync(client, "repos/OWNER/Repo");
        using var create = await client.PostAsync("user/repos", Json("""{"name": "fresh"}"""), Token);
        using var again = await client.PostAsync("user/repos", Json("""{"name": "fresh"}"""), Token);
        var user = await GetJsonAsync(client, "user");

        Assert.AreEqual("owner/repo", repository["full_name"]!.GetValue<string>(), "names are case-insensitive, as on GitHub");
        Assert.AreEqual("main", repository["default_branch"]!.GetValue<string>());
        Assert.AreEqual($"{standIn.ApiBaseUrl}repos/owner/repo", repository["url"]!.GetValue<string>());
        Assert.AreEqual(HttpStatusCode.Created, create.StatusCode);
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.AreEqual("faasr-it", user["login"]!.GetValue<string>());
        Assert.AreEqual("faasr-it/fresh", standIn.Repository("faasr-it/fresh").FullName);
        using var empty = await client.GetAsync("repos/faasr-it/fresh/contents/README.md", Token);
        Assert.AreEqual(HttpStatusCode.NotFound, empty.StatusCode);
    }

    [TestMethod]
    public async Task ASecretSealedWithThePublicKeyIsStoredUnderGitHubsUpperCaseNameAndOpensWithThePrivateKey()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);

        var key = await GetJsonAsync(client, "repos/owner/repo/actions/secrets/public-key");
        var publicKey = Convert.FromBase64String(key["key"]!.GetValue<string>());
        var sealedValue = Convert.ToBase64String(SealedPublicKeyBox.Create(Encoding.UTF8.GetBytes("s3cr3t"), publicKey));
        var body = new JsonObject { ["encrypted_value"] = sealedValue, ["key_id"] = key["key_id"]!.GetValue<string>() };
        using var created = await client.PutAsync("repos/owner/repo/actions/secrets/S3_AccessKey", Json(body), Token);
        using var updated = await client.PutAsync("repos/owner/repo/actions/secrets/s3_accesskey", Json(body), Token);
        using var badName = await client.PutAsync("repos/owner/repo/actions/secrets/GITHUB_TOKEN", Json(body), Token);
        using var badKey = await client.PutAsync("repos/owner/repo/actions/secrets/OTHER", Json(new JsonObject { ["encrypted_value"] = sealedValue, ["key_id"] = "1" }), Token);
        using var notSealed = await client.PutAsync("repos/owner/repo/actions/secrets/OTHER", Json(new JsonObject { ["encrypted_value"] = Base64("plain"), ["key_id"] = key["key_id"]!.GetValue<string>() }), Token);
        var list = await GetJsonAsync(client, "repos/owner/repo/actions/secrets");
        var one = await GetJsonAsync(client, "repos/owner/repo/actions/secrets/S3_ACCESSKEY");

        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        Assert.AreEqual(HttpStatusCode.NoContent, updated.StatusCode);
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, badName.StatusCode);
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, badKey.StatusCode);
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, notSealed.StatusCode);
        Assert.AreEqual(1, list["total_count"]!.GetValue<int>());
        Assert.AreEqual("S3_ACCESSKEY", one["name"]!.GetValue<string>());
        var repository = standIn.Repository("owner/repo");
        Assert.AreEqual("s3cr3t", repository.Secret("S3_AccessKey")!.Value);
        Assert.AreEqual("s3cr3t", Encoding.UTF8.GetString(SealedPublicKeyBox.Open(Convert.FromBase64String(sealedValue), repository.SecretsKeyPair.PrivateKey, repository.SecretsKeyPair.PublicKey)));
        Assert.DoesNotContain("s3cr3t", repository.Secret("S3_AccessKey")!.ToString());
        using var deleted = await client.DeleteAsync("repos/owner/repo/actions/secrets/S3_ACCESSKEY", Token);
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.IsEmpty(repository.Secrets);
    }

    [TestMethod]
    public async Task TokensAreCheckedWhenTheStandInIsGivenTheAcceptedOnes()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await GitHubStandIn.StartAsync(
            new GitHubStandInOptions { Repositories = [new StandInRepositorySource("owner", "repo", folder.Root)], AcceptedTokens = ["good"] },
            Token);
        using var anonymous = new HttpClient { BaseAddress = standIn.ApiBaseUrl };
        using var wrong = Client(standIn, "bad");
        using var right = Client(standIn, "good");

        using var anonymousRead = await anonymous.GetAsync("repos/owner/repo/contents/README.md", Token);
        using var anonymousWrite = await anonymous.PutAsync("repos/owner/repo/contents/x.txt", Json(new JsonObject { ["message"] = "m", ["content"] = Base64("x") }), Token);
        using var anonymousSecrets = await anonymous.GetAsync("repos/owner/repo/actions/secrets/public-key", Token);
        using var wrongRead = await wrong.GetAsync("repos/owner/repo/contents/README.md", Token);
        using var rightSecrets = await right.GetAsync("repos/owner/repo/actions/secrets/public-key", Token);

        Assert.AreEqual(HttpStatusCode.OK, anonymousRead.StatusCode, "public reads need no token");
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymousWrite.StatusCode);
        Assert.AreEqual("Requires authentication", JsonNode.Parse(await anonymousWrite.Content.ReadAsStringAsync(Token))!["message"]!.GetValue<string>());
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymousSecrets.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, wrongRead.StatusCode);
        Assert.AreEqual("Bad credentials", JsonNode.Parse(await wrongRead.Content.ReadAsStringAsync(Token))!["message"]!.GetValue<string>());
        Assert.AreEqual(HttpStatusCode.OK, rightSecrets.StatusCode);
    }

    [TestMethod]
    public async Task AFaultAnswersInsteadOfTheRouteForAsManyRequestsAsAskedWithItsHeaders()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = Client(standIn);
        var reset = DateTimeOffset.UtcNow.AddMinutes(5);
        standIn.AddFault(StandInFault.RateLimited("GET", "^/repos/owner/repo/contents/", reset, times: 1));
        standIn.AddFault(new StandInFault("GET", "^/repos/owner/repo$", 502, "Server Error", Times: 2));

        using var limited = await client.GetAsync("repos/owner/repo/contents/README.md", Token);
        using var afterLimit = await client.GetAsync("repos/owner/repo/contents/README.md", Token);
        using var bad1 = await client.GetAsync("repos/owner/repo", Token);
        using var bad2 = await client.GetAsync("repos/owner/repo", Token);
        using var good = await client.GetAsync("repos/owner/repo", Token);

        Assert.AreEqual(HttpStatusCode.Forbidden, limited.StatusCode);
        Assert.AreEqual("0", limited.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.AreEqual(reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), limited.Headers.GetValues("x-ratelimit-reset").Single());
        StringAssert.StartsWith(JsonNode.Parse(await limited.Content.ReadAsStringAsync(Token))!["message"]!.GetValue<string>(), "API rate limit exceeded");
        Assert.AreEqual(HttpStatusCode.OK, afterLimit.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadGateway, bad1.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadGateway, bad2.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, good.StatusCode);
        Assert.HasCount(5, standIn.Requests, "faulted requests are recorded too");
    }

    [TestMethod]
    public async Task TheEnterprisePrefixAndAddedRoutesAreServedAndEveryRequestIsRecordedWhole()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        standIn.AddRoute(new StandInRoute("GET", "^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)/actions/runs/(?<id>\\d+)$", (call, _) =>
            Task.FromResult(StandInResponse.Json(200, new JsonObject { ["id"] = long.Parse(call.Group("id"), System.Globalization.CultureInfo.InvariantCulture), ["status"] = "completed" }))));
        using var client = Client(standIn, "tok");

        var repository = await GetJsonAsync(client, "api/v3/repos/owner/repo");
        var run = await GetJsonAsync(client, "repos/owner/repo/actions/runs/42");
        using var put = await client.PutAsync("api/v3/repos/owner/repo/contents/x.txt", Json(new JsonObject { ["message"] = "m", ["content"] = Base64("x") }), Token);

        Assert.AreEqual($"{standIn.ApiBaseUrl}api/v3/repos/owner/repo", repository["url"]!.GetValue<string>());
        Assert.AreEqual(42, run["id"]!.GetValue<long>());
        var recorded = standIn.Requests;
        Assert.AreEqual("/api/v3/repos/owner/repo", recorded[0].Path);
        Assert.AreEqual("/repos/owner/repo", recorded[0].ApiPath);
        Assert.IsFalse(recorded[0].ThroughProxy);
        Assert.AreEqual("PUT", recorded[2].Method);
        Assert.AreEqual("token tok", recorded[2].Header("authorization"));
        Assert.AreEqual(Base64("x"), JsonNode.Parse(recorded[2].BodyText)!["content"]!.GetValue<string>());
        Assert.DoesNotContain("tok", recorded[2].ToString().Replace("/contents/", "", StringComparison.Ordinal), "the printed record leaves headers and body out");
    }

    private static Task<GitHubStandIn> StartAsync(StandInFolder folder) =>
        GitHubStandIn.StartAsync(new GitHubStandInOptions { Repositories = [new StandInRepositorySource("owner", "repo", folder.Root)] }, CancellationToken.None);

    private static HttpClient Client(GitHubStandIn standIn, string token = "test-token")
    {
        var client = new HttpClient { BaseAddress = standIn.ApiBaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        return client;
    }

    private async Task<JsonNode?> GetNodeAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{path}: {text}");
        return JsonNode.Parse(text);
    }

    private async Task<JsonObject> GetJsonAsync(HttpClient client, string path) => (JsonObject)(await GetNodeAsync(client, path))!;

    private async Task PutAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PutAsync(path, Json(body), Token);
        Assert.IsTrue(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    private static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string GitObjectSha(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes($"blob {Encoding.UTF8.GetByteCount(text)}\0{text}")));

    private static async Task<List<(string Name, TarEntryType Type, UnixFileMode Mode, byte[] Content)>> ReadTarAsync(byte[] tarball)
    {
        var entries = new List<(string, TarEntryType, UnixFileMode, byte[])>();
        await using var gzip = new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is not null)
            {
                await entry.DataStream.CopyToAsync(content);
            }

            entries.Add((entry.Name, entry.EntryType, entry.Mode, content.ToArray()));
        }

        return entries;
    }
}

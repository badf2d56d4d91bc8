using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sodium;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// The REST routes FaaSr and faasr-it use, answered from the stand-in's repositories with GitHub's shapes, statuses and
/// messages: the authenticated user, repository get and create, contents (base64, 404s, create/update with sha
/// checks), the tarball, workflow_dispatch and workflow lookup, Actions runs, jobs and job logs
/// (<see cref="StandInActionsRuns"/>), and Actions secrets (public key, sealed PUT, get, list, delete). Unknown routes
/// get GitHub's 404.
/// </summary>
internal sealed partial class GitHubApi
{
    private const string Repo = "^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";
    private const string WorkflowsFolder = ".github/workflows/";

    private readonly GitHubStandInOptions options;
    private readonly StandInJournal journal;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, StandInRepository> repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Route> routes;
    private readonly List<StandInRoute> addedRoutes = [];
    private readonly StandInActionsRuns actionsRuns;
    private long lastRepositoryId = 100;

    public GitHubApi(GitHubStandInOptions options, StandInJournal journal, TimeProvider clock)
    {
        this.options = options;
        this.journal = journal;
        this.clock = clock;
        actionsRuns = new StandInActionsRuns(clock);
        foreach (var source in options.Repositories)
        {
            Add(source);
        }

        routes =
        [
            new("GET", "^/user$", (call, _) => Task.FromResult(User(call))),
            new("POST", "^/user/repos$", (call, _) => Task.FromResult(CreateRepository(call, options.AuthenticatedUser))),
            new("POST", "^/orgs/(?<org>[^/]+)/repos$", (call, _) => Task.FromResult(CreateRepository(call, call.Group("org")))),
            new("GET", Repo + "$", (call, _) => Task.FromResult(WithRepository(call, repository => StandInResponse.Json(200, RepositoryJson(repository, call.ApiRoot))))),
            new("GET", Repo + "/contents(?:/(?<path>.*))?$", GetContentsAsync),
            new("PUT", Repo + "/contents/(?<path>.+)$", PutContentsAsync),
            new("GET", Repo + "/tarball(?:/(?<ref>.+))?$", TarballAsync),
            new("POST", Repo + "/actions/workflows/(?<workflow>[^/]+)/dispatches$", DispatchAsync),
            new("GET", Repo + "/actions/workflows/(?<workflow>[^/]+)$", WorkflowAsync),
            new("GET", Repo + "/actions/secrets/public-key$", (call, _) => Task.FromResult(PublicKey(call))),
            new("GET", Repo + "/actions/secrets$", (call, _) => Task.FromResult(ListSecrets(call))),
            new("GET", Repo + "/actions/secrets/(?<name>[^/]+)$", (call, _) => Task.FromResult(GetSecret(call))),
            new("PUT", Repo + "/actions/secrets/(?<name>[^/]+)$", (call, _) => Task.FromResult(PutSecret(call))),
            new("DELETE", Repo + "/actions/secrets/(?<name>[^/]+)$", (call, _) => Task.FromResult(DeleteSecret(call))),
        ];
        routes.AddRange(actionsRuns.Routes(call => Find(call.Group("owner"), call.Group("repo")))
            .Select(r => new Route(r.Method, r.PathPattern, r.Respond)));
    }

    /// <summary>Every Actions run, one per accepted dispatch, in dispatch order.</summary>
    public IReadOnlyList<StandInWorkflowRun> Runs => actionsRuns.Runs;

    public IReadOnlyCollection<StandInRepository> Repositories => repositories.Values.OrderBy(r => r.Id).ToList();

    public StandInRepository? Find(string owner, string name) => repositories.GetValueOrDefault($"{owner}/{name}");

    public void AddRoute(StandInRoute route)
    {
        lock (addedRoutes)
        {
            addedRoutes.Add(route);
        }
    }

    /// <summary>The answer to <paramref name="request"/>: an injected fault, an added route, a built-in route, or 404.</summary>
    public async Task<StandInResponse> RespondAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        if (journal.TakeFault(request) is { } fault)
        {
            return StandInResponse.Error(fault.Status, fault.Message, fault.Headers);
        }

        var apiRoot = $"{request.Scheme}://{request.Host}{(request.Path.Length != request.ApiPath.Length ? RecordedRequest.EnterprisePrefix : string.Empty)}";
        List<StandInRoute> added;
        lock (addedRoutes)
        {
            added = addedRoutes.ToList();
        }

        foreach (var route in added.Select(r => new Route(r.Method, r.PathPattern, r.Respond)).Concat(routes))
        {
            if (!route.Method.Equals(request.Method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = Regex.Match(request.ApiPath, route.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            if (!match.Success)
            {
                continue;
            }

            // GitHub rejects a token it does not know on every route; writes and secrets need one.
            var token = request.Token;
            if (token is not null && options.AcceptedTokens is { } accepted && !accepted.Contains(token))
            {
                return StandInResponse.Error(401, "Bad credentials");
            }

            if (token is null && (request.Method != "GET" || request.ApiPath.Contains("/actions/secrets", StringComparison.Ordinal) || request.ApiPath == "/user"))
            {
                return StandInResponse.Error(401, "Requires authentication");
            }

            return await route.Respond(new StandInCall(request, match, apiRoot), cancellationToken);
        }

        return StandInResponse.NotFound();
    }

    /// <summary>Headers GitHub sends on every answer.</summary>
    public IReadOnlyDictionary<string, string> CommonHeaders() => new Dictionary<string, string>
    {
        ["X-GitHub-Media-Type"] = "github.v3; format=json",
        ["X-GitHub-Request-Id"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
        ["x-ratelimit-limit"] = "5000",
        ["x-ratelimit-remaining"] = "4999",
        ["x-ratelimit-reset"] = clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ["x-ratelimit-resource"] = "core",
        ["x-ratelimit-used"] = "1",
    };

    private StandInRepository Add(StandInRepositorySource source)
    {
        var repository = new StandInRepository(source, Interlocked.Increment(ref lastRepositoryId));
        if (!repositories.TryAdd(repository.FullName, repository))
        {
            throw new ArgumentException($"The stand-in already serves {repository.FullName}.", nameof(source));
        }

        return repository;
    }

    private StandInResponse User(StandInCall call) => StandInResponse.Json(200, new JsonObject
    {
        ["login"] = options.AuthenticatedUser,
        ["id"] = 1,
        ["type"] = "User",
        ["name"] = options.AuthenticatedUser,
        ["url"] = $"{call.ApiRoot}/users/{options.AuthenticatedUser}",
        ["html_url"] = $"https://github.com/{options.AuthenticatedUser}",
    });

    private StandInResponse CreateRepository(StandInCall call, string owner)
    {
        if (!TryParseObject(call.Request, out var body, out var problem))
        {
            return problem;
        }

        var name = body["name"]?.GetValueKind() == JsonValueKind.String ? body["name"]!.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(name) || !RepositoryName().IsMatch(name))
        {
            return Invalid("\"name\" wasn't supplied or is not a valid repository name.");
        }

        if (Find(owner, name) is not null)
        {
            return StandInResponse.Json(422, new JsonObject
            {
                ["message"] = "Repository creation failed.",
                ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Repository", ["code"] = "custom", ["field"] = "name", ["message"] = "name already exists on this account" }),
                ["documentation_url"] = StandInResponse.DocumentationUrl,
                ["status"] = "422",
            });
        }

        var repository = Add(new StandInRepositorySource(owner, name, Folder: null));
        return StandInResponse.Json(201, RepositoryJson(repository, call.ApiRoot));
    }

    private async Task<StandInResponse> GetContentsAsync(StandInCall call, CancellationToken cancellationToken)
    {
        if (!TryRepository(call, out var repository, out var missing))
        {
            return missing;
        }

        var reference = call.Request.QueryValue("ref");
        if (!IsBranch(repository, reference))
        {
            return StandInResponse.Error(404, $"No commit found for the ref {reference}");
        }

        if (RepositoryPath.Normalize(call.Group("path")) is not { } path)
        {
            return StandInResponse.NotFound();
        }

        var files = await repository.ListFilesAsync(cancellationToken);
        if (path.Length > 0 && files.Contains(path, StringComparer.Ordinal))
        {
            var content = await repository.ReadListedFileAsync(path, cancellationToken);
            if (content is not null)
            {
                var entry = ContentEntry(repository, call.ApiRoot, path, content);
                entry["content"] = Base64Lines(content);
                entry["encoding"] = "base64";
                return StandInResponse.Json(200, entry);
            }
        }

        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var below = files.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (below.Count == 0)
        {
            return StandInResponse.NotFound();
        }

        var listing = new JsonArray();
        foreach (var child in below.Select(f => f[prefix.Length..]).GroupBy(rest => rest.Split('/')[0], StringComparer.Ordinal))
        {
            var childPath = prefix + child.Key;
            if (child.Any(rest => rest.Contains('/', StringComparison.Ordinal)))
            {
                listing.Add(FolderEntry(repository, call.ApiRoot, childPath));
            }
            else if (await repository.ReadListedFileAsync(childPath, cancellationToken) is { } content)
            {
                listing.Add(ContentEntry(repository, call.ApiRoot, childPath, content));
            }
        }

        return StandInResponse.Json(200, listing);
    }

    private async Task<StandInResponse> PutContentsAsync(StandInCall call, CancellationToken cancellationToken)
    {
        if (!TryRepository(call, out var repository, out var missing))
        {
            return missing;
        }

        if (!TryParseObject(call.Request, out var body, out var problem))
        {
            return problem;
        }

        if (RepositoryPath.Normalize(call.Group("path")) is not { Length: > 0 } path)
        {
            return Invalid("path is not a valid file path.");
        }

        if (Text(body, "message") is not { Length: > 0 } message)
        {
            return Invalid("\"message\" wasn't supplied.");
        }

        if (Text(body, "content") is not { } encoded)
        {
            return Invalid("\"content\" wasn't supplied.");
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return Invalid("content is not valid Base64");
        }

        if (Text(body, "branch") is { } branch && !IsBranch(repository, branch))
        {
            return StandInResponse.Error(404, $"Branch {branch} not found");
        }

        var existing = await repository.ReadFileAsync(path, cancellationToken);
        var sha = Text(body, "sha");
        if (existing is not null && sha is null)
        {
            return Invalid("\"sha\" wasn't supplied.");
        }

        if (existing is not null && sha != GitObjectId.Blob(existing))
        {
            return StandInResponse.Error(409, $"{path} does not match {sha}");
        }

        var parent = repository.HeadSha;
        var commit = repository.WriteFile(path, content, message);
        var now = Timestamp(clock.GetUtcNow());
        var person = new JsonObject { ["name"] = options.AuthenticatedUser, ["email"] = $"{options.AuthenticatedUser}@users.noreply.github.com", ["date"] = now };
        return StandInResponse.Json(existing is null ? 201 : 200, new JsonObject
        {
            ["content"] = ContentEntry(repository, call.ApiRoot, path, content),
            ["commit"] = new JsonObject
            {
                ["sha"] = commit,
                ["node_id"] = $"C_{commit[..12]}",
                ["url"] = $"{call.ApiRoot}/repos/{repository.FullName}/git/commits/{commit}",
                ["html_url"] = $"https://github.com/{repository.FullName}/commit/{commit}",
                ["message"] = message,
                ["author"] = person.DeepClone(),
                ["committer"] = person,
                ["tree"] = new JsonObject { ["sha"] = GitObjectId.Of("tree " + commit), ["url"] = $"{call.ApiRoot}/repos/{repository.FullName}/git/trees/{GitObjectId.Of("tree " + commit)}" },
                ["parents"] = new JsonArray(new JsonObject { ["sha"] = parent, ["url"] = $"{call.ApiRoot}/repos/{repository.FullName}/git/commits/{parent}", ["html_url"] = $"https://github.com/{repository.FullName}/commit/{parent}" }),
                ["verification"] = new JsonObject { ["verified"] = false, ["reason"] = "unsigned", ["signature"] = null, ["payload"] = null },
            },
        });
    }

    private async Task<StandInResponse> TarballAsync(StandInCall call, CancellationToken cancellationToken)
    {
        if (!TryRepository(call, out var repository, out var missing))
        {
            return missing;
        }

        var reference = call.Group("ref");
        if (reference.Length > 0 && !IsBranch(repository, reference))
        {
            return StandInResponse.NotFound();
        }

        var tarball = await RepositoryTarball.CreateAsync(repository, cancellationToken);
        return StandInResponse.Bytes(tarball, "application/x-gzip", new Dictionary<string, string>
        {
            ["Content-Disposition"] = $"attachment; filename={RepositoryTarball.RootFolder(repository)}.tar.gz",
        });
    }

    private async Task<StandInResponse> DispatchAsync(StandInCall call, CancellationToken cancellationToken)
    {
        if (!TryRepository(call, out var repository, out var missing))
        {
            return missing;
        }

        var workflow = call.Group("workflow");
        if (options.RequireRegisteredWorkflows && await repository.ReadFileAsync(WorkflowsFolder + workflow, cancellationToken) is null)
        {
            return StandInResponse.NotFound();
        }

        if (!TryParseObject(call.Request, out var body, out var problem))
        {
            return problem;
        }

        if (Text(body, "ref") is not { } reference)
        {
            return Invalid("\"ref\" wasn't supplied.");
        }

        if (!IsBranch(repository, reference))
        {
            return StandInResponse.Error(422, $"No ref found for: {reference}");
        }

        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body["inputs"] is JsonObject given)
        {
            foreach (var (name, value) in given)
            {
                inputs[name] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? "null";
            }
        }
        else if (body["inputs"] is not null)
        {
            return Invalid("For 'properties/inputs', is not an object.");
        }

        var dispatch = new WorkflowDispatch(clock.GetUtcNow(), repository.Owner, repository.Name, workflow, reference, inputs, journal.NextRunId());
        journal.Record(dispatch);
        actionsRuns.Create(dispatch);
        if (options.OnDispatch is { } onDispatch)
        {
            await onDispatch(dispatch, cancellationToken);
        }

        if (body["return_run_details"]?.GetValueKind() == JsonValueKind.True)
        {
            return StandInResponse.Json(200, new JsonObject
            {
                ["workflow_run_id"] = dispatch.RunId,
                ["run_url"] = $"{call.ApiRoot}/repos/{repository.FullName}/actions/runs/{dispatch.RunId}",
                ["html_url"] = $"https://github.com/{repository.FullName}/actions/runs/{dispatch.RunId}",
            });
        }

        return StandInResponse.NoContent();
    }

    private async Task<StandInResponse> WorkflowAsync(StandInCall call, CancellationToken cancellationToken)
    {
        if (!TryRepository(call, out var repository, out var missing))
        {
            return missing;
        }

        var workflow = call.Group("workflow");
        if (await repository.ReadFileAsync(WorkflowsFolder + workflow, cancellationToken) is null)
        {
            return StandInResponse.NotFound();
        }

        var now = Timestamp(clock.GetUtcNow());
        var id = Math.Abs(BitConverter.ToInt32(SHA1.HashData(Encoding.UTF8.GetBytes(repository.FullName + workflow)), 0));
        return StandInResponse.Json(200, new JsonObject
        {
            ["id"] = id,
            ["node_id"] = $"W_{id}",
            ["name"] = Path.GetFileNameWithoutExtension(workflow),
            ["path"] = WorkflowsFolder + workflow,
            ["state"] = "active",
            ["created_at"] = now,
            ["updated_at"] = now,
            ["url"] = $"{call.ApiRoot}/repos/{repository.FullName}/actions/workflows/{id}",
            ["html_url"] = $"https://github.com/{repository.FullName}/blob/{repository.DefaultBranch}/{WorkflowsFolder}{workflow}",
            ["badge_url"] = $"https://github.com/{repository.FullName}/workflows/{workflow}/badge.svg",
        });
    }

    private StandInResponse PublicKey(StandInCall call) => WithRepository(call, repository => StandInResponse.Json(200, new JsonObject
    {
        ["key_id"] = repository.SecretsKeyId,
        ["key"] = Convert.ToBase64String(repository.SecretsKeyPair.PublicKey),
    }));

    private StandInResponse ListSecrets(StandInCall call) => WithRepository(call, repository =>
    {
        var secrets = repository.Secrets;
        return StandInResponse.Json(200, new JsonObject
        {
            ["total_count"] = secrets.Count,
            ["secrets"] = new JsonArray(secrets.Select(s => (JsonNode)SecretJson(s)).ToArray()),
        });
    });

    private StandInResponse GetSecret(StandInCall call) => WithRepository(call, repository =>
        repository.Secret(call.Group("name")) is { } secret ? StandInResponse.Json(200, SecretJson(secret)) : StandInResponse.NotFound());

    private StandInResponse PutSecret(StandInCall call) => WithRepository(call, repository =>
    {
        var name = call.Group("name");
        if (!SecretName().IsMatch(name) || name.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_), must not start with a number, and must not start with the GITHUB_ prefix.");
        }

        if (!TryParseObject(call.Request, out var body, out var problem))
        {
            return problem;
        }

        if (Text(body, "encrypted_value") is not { } encrypted || Text(body, "key_id") is not { } keyId)
        {
            return Invalid("\"encrypted_value\" and \"key_id\" are required.");
        }

        if (keyId != repository.SecretsKeyId)
        {
            return Invalid($"key_id {keyId} is not the repository's public key ({repository.SecretsKeyId}).");
        }

        string value;
        try
        {
            value = Encoding.UTF8.GetString(SealedPublicKeyBox.Open(Convert.FromBase64String(encrypted), repository.SecretsKeyPair.PrivateKey, repository.SecretsKeyPair.PublicKey));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return Invalid("encrypted_value is not a sealed box for the repository's public key.");
        }

        var created = repository.PutSecret(name, encrypted, keyId, value, clock.GetUtcNow());
        return created ? StandInResponse.Json(201, new JsonObject()) : StandInResponse.NoContent();
    });

    private StandInResponse DeleteSecret(StandInCall call) => WithRepository(call, repository =>
        repository.DeleteSecret(call.Group("name")) ? StandInResponse.NoContent() : StandInResponse.NotFound());

    private StandInResponse WithRepository(StandInCall call, Func<StandInRepository, StandInResponse> respond) =>
        TryRepository(call, out var repository, out var missing) ? respond(repository) : missing;

    private bool TryRepository(StandInCall call, out StandInRepository repository, out StandInResponse missing)
    {
        repository = Find(call.Group("owner"), call.Group("repo"))!;
        missing = StandInResponse.NotFound();
        return repository is not null;
    }

    private static bool IsBranch(StandInRepository repository, string? reference) =>
        string.IsNullOrEmpty(reference)
        || reference.Equals(repository.DefaultBranch, StringComparison.Ordinal)
        || reference.Equals($"refs/heads/{repository.DefaultBranch}", StringComparison.Ordinal)
        || reference.Equals(repository.HeadSha, StringComparison.Ordinal);

    private static bool TryParseObject(RecordedRequest request, out JsonObject body, out StandInResponse problem)
    {
        body = new JsonObject();
        problem = StandInResponse.Error(400, "Problems parsing JSON");
        try
        {
            if (JsonNode.Parse(request.Body.Length == 0 ? "{}"u8.ToArray() : request.Body) is JsonObject parsed)
            {
                body = parsed;
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static StandInResponse Invalid(string detail) => StandInResponse.Error(422, "Invalid request.\n\n" + detail);

    private JsonObject RepositoryJson(StandInRepository repository, string apiRoot)
    {
        var now = Timestamp(clock.GetUtcNow());
        return new JsonObject
        {
            ["id"] = repository.Id,
            ["node_id"] = $"R_{repository.Id}",
            ["name"] = repository.Name,
            ["full_name"] = repository.FullName,
            ["private"] = false,
            ["owner"] = new JsonObject
            {
                ["login"] = repository.Owner,
                ["id"] = 1,
                ["type"] = "User",
                ["url"] = $"{apiRoot}/users/{repository.Owner}",
                ["html_url"] = $"https://github.com/{repository.Owner}",
            },
            ["html_url"] = $"https://github.com/{repository.FullName}",
            ["url"] = $"{apiRoot}/repos/{repository.FullName}",
            ["clone_url"] = $"https://github.com/{repository.FullName}.git",
            ["default_branch"] = repository.DefaultBranch,
            ["visibility"] = "public",
            ["fork"] = false,
            ["archived"] = false,
            ["disabled"] = false,
            ["created_at"] = now,
            ["updated_at"] = now,
            ["pushed_at"] = now,
            ["permissions"] = new JsonObject { ["admin"] = true, ["maintain"] = true, ["push"] = true, ["triage"] = true, ["pull"] = true },
        };
    }

    private static JsonObject ContentEntry(StandInRepository repository, string apiRoot, string path, byte[] content)
    {
        var sha = GitObjectId.Blob(content);
        var self = $"{apiRoot}/repos/{repository.FullName}/contents/{path}?ref={repository.DefaultBranch}";
        var html = $"https://github.com/{repository.FullName}/blob/{repository.DefaultBranch}/{path}";
        var git = $"{apiRoot}/repos/{repository.FullName}/git/blobs/{sha}";
        return new JsonObject
        {
            ["type"] = "file",
            ["name"] = RepositoryPath.Name(path),
            ["path"] = path,
            ["sha"] = sha,
            ["size"] = content.Length,
            ["url"] = self,
            ["html_url"] = html,
            ["git_url"] = git,
            ["download_url"] = $"https://raw.githubusercontent.com/{repository.FullName}/{repository.DefaultBranch}/{path}",
            ["_links"] = new JsonObject { ["self"] = self, ["git"] = git, ["html"] = html },
        };
    }

    private static JsonObject FolderEntry(StandInRepository repository, string apiRoot, string path)
    {
        var sha = GitObjectId.Of("tree " + path);
        var self = $"{apiRoot}/repos/{repository.FullName}/contents/{path}?ref={repository.DefaultBranch}";
        var html = $"https://github.com/{repository.FullName}/tree/{repository.DefaultBranch}/{path}";
        var git = $"{apiRoot}/repos/{repository.FullName}/git/trees/{sha}";
        return new JsonObject
        {
            ["type"] = "dir",
            ["name"] = RepositoryPath.Name(path),
            ["path"] = path,
            ["sha"] = sha,
            ["size"] = 0,
            ["url"] = self,
            ["html_url"] = html,
            ["git_url"] = git,
            ["download_url"] = null,
            ["_links"] = new JsonObject { ["self"] = self, ["git"] = git, ["html"] = html },
        };
    }

    private static JsonObject SecretJson(StoredSecret secret) => new()
    {
        ["name"] = secret.Name,
        ["created_at"] = Timestamp(secret.CreatedAt),
        ["updated_at"] = Timestamp(secret.UpdatedAt),
    };

    /// <summary>Base64 in lines of 60 characters, each ending in a newline, as GitHub sends file contents.</summary>
    private static string Base64Lines(byte[] content)
    {
        var text = Convert.ToBase64String(content);
        var lines = new StringBuilder(text.Length + (text.Length / 60) + 1);
        for (var start = 0; start < text.Length; start += 60)
        {
            lines.Append(text.AsSpan(start, Math.Min(60, text.Length - start))).Append('\n');
        }

        return lines.ToString();
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SecretName();

    private sealed record Route(string Method, string Pattern, Func<StandInCall, CancellationToken, Task<StandInResponse>> Respond);
}

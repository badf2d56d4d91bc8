using System.Text.Json;
using System.Text.Json.Nodes;
using FaaSr.Testing.Diagnostics;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// FaaSr's RPC server for one running instance (docs/rpc-protocol.md): the user API against the data stores, the instance's
/// log records, and the return value or error its process reports. Every request is logged as
/// "Processing request: {ProcedureID}" and the log is flushed after each one, as FaaSr does (a burst of calls in one PUT, see InstanceLog).
/// </summary>
internal sealed class InstanceRpcSession(LocalRunContext run, FunctionInstance instance, InstanceLog log, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    : IRpcSession
{
    private const string ServerFile = "faasr_server.py";
    private const int ListPageSize = 1000;
    private const string SecretFile = "secret.py";
    private readonly Lock gate = new();
    private bool? returnValue;
    private FunctionExitReport? exitReport;
    private string? logWriteFailure;
    private string lastCall = string.Empty;

    /// <summary>The function's return value as FaaSr's pydantic model reads it: true, false or none.</summary>
    public bool? ReturnValue
    {
        get
        {
            lock (gate)
            {
                return returnValue;
            }
        }
    }

    /// <summary>Set when the function reported an error through faasr_exit.</summary>
    public FunctionExitReport? ExitReport
    {
        get
        {
            lock (gate)
            {
                return exitReport;
            }
        }
    }

    public async Task<RpcReply> HandleAsync(string route, JsonElement body, CancellationToken cancellationToken)
    {
        switch (route)
        {
            case "faasr-action":
                return await ActionAsync(body, cancellationToken);
            case "faasr-return":
                return await ReturnAsync(body, cancellationToken);
            case "faasr-exit":
                return await ExitAsync(body, cancellationToken);
            case "faasr-local-log":
                return await LocalLogAsync(body, cancellationToken);
            default:
                return RpcReply.Failed($"No route /{route}.", 404);
        }
    }

    private async Task<RpcReply> ActionAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var procedure = body.TryGetProperty("ProcedureID", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty;
        var arguments = body.TryGetProperty("Arguments", out var args) && args.ValueKind == JsonValueKind.Object ? args : default;
        log.Write(FaaSrLogLevel.INFO, ServerFile, $"Processing request: {procedure}");
        RpcReply reply;
        try
        {
            reply = procedure switch
            {
                "faasr_log" => Log(arguments),
                "faasr_put_file" => await PutFileAsync(arguments, cancellationToken),
                "faasr_get_file" => await GetFileAsync(arguments, cancellationToken),
                "faasr_delete_file" => await DeleteFileAsync(arguments, cancellationToken),
                "faasr_get_folder_list" => await FolderListAsync(arguments, cancellationToken),
                "faasr_rank" => RpcReply.Ok(new JsonObject { ["max_rank"] = instance.MaxRank, ["rank"] = instance.Rank ?? 1 }),
                "faasr_invocation_id" => RpcReply.Ok(new JsonObject { ["invocation_id"] = run.Identity.InvocationId }),
                "faasr_get_s3_creds" => S3Credentials(arguments),
                "faasr_secret" => Secret(arguments),
                _ => Fail($"{procedure} is not a valid FaaSr function call"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // FaaSr's server turns every failure of a user call into this ERROR line and a failed reply.
            reply = Fail($"ERROR - failed to invoke {procedure} - {e.Message}");
        }

        return await FlushAfterAsync(procedure, soon: true, cancellationToken) ?? reply;
    }

    /// <summary>
    /// The flush after a call (batched when <paramref name="soon"/>); null when it worked, else the failed reply that
    /// names the S3 failure, kept as <see cref="LogWriteFailure"/>: the call may have worked, but its log could not be
    /// stored, and the function should not end with a bare exit code.
    /// </summary>
    private async Task<RpcReply?> FlushAfterAsync(string procedure, bool soon, CancellationToken cancellationToken)
    {
        try
        {
            lock (gate)
            {
                lastCall = procedure;
            }

            await (soon ? log.FlushSoonAsync(cancellationToken) : log.FlushAsync(cancellationToken));
            return null;
        }
        catch (ObjectStoreException e)
        {
            var message = $"ERROR - failed to write the log of {instance.Name} after {procedure} - {e.Message}";
            lock (gate)
            {
                logWriteFailure ??= message;
            }

            return RpcReply.Failed(message);
        }
    }

    /// <summary>Set when writing the instance's log object failed during a call: the cause of the function's failure.</summary>
    public string? LogWriteFailure
    {
        get
        {
            lock (gate)
            {
                // A batched flush that failed after the function's last call (InstanceLog's remarks).
                return logWriteFailure ?? (log.DeferredFailure is { } e ? $"ERROR - failed to write the log of {instance.Name} after {lastCall} - {e.Message}" : null);
            }
        }
    }

    private RpcReply Fail(string message)
    {
        log.Write(FaaSrLogLevel.ERROR, ServerFile, message);
        return RpcReply.Failed(message);
    }

    private RpcReply Log(JsonElement arguments)
    {
        var message = Text(arguments, "log_message", null);
        if (message.Length == 0)
        {
            return Fail("ERROR -- log_message is empty");
        }

        log.AppendRaw(message);
        return RpcReply.Ok();
    }

    private async Task<RpcReply> PutFileAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var (_, store) = Store(arguments);
        var key = RemoteObjectKey(arguments, ".");
        var local = LocalPath(arguments);
        if (!File.Exists(local))
        {
            throw new RpcArgumentException($"local file {local} does not exist");
        }

        await store.PutAsync(key, await File.ReadAllBytesAsync(local, cancellationToken), cancellationToken);
        return RpcReply.Ok();
    }

    private async Task<RpcReply> GetFileAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var (name, store) = Store(arguments);
        var key = RemoteObjectKey(arguments, ".");
        var local = LocalPath(arguments);
        // boto3's download_file does not create the local folder: FaaSr 2.1 fails with FileNotFoundError.
        if (!Directory.Exists(Path.GetDirectoryName(local)))
        {
            throw new RpcArgumentException($"[Errno 2] No such file or directory: '{Path.GetRelativePath(workingDirectory, local)}'");
        }

        var content = await store.GetAsync(key, cancellationToken)
            ?? throw new RpcArgumentException($"object {key} does not exist in data store {name} (bucket {store.Bucket})");
        await File.WriteAllBytesAsync(local, content, cancellationToken);
        return RpcReply.Ok();
    }

    private async Task<RpcReply> DeleteFileAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var (_, store) = Store(arguments);
        var key = RemoteObjectKey(arguments, string.Empty);
        await store.DeleteAsync(key, cancellationToken);
        return RpcReply.Ok();
    }

    private async Task<RpcReply> FolderListAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var (_, store) = Store(arguments);
        var keys = new JsonArray();
        var listed = 0;
        var prefix = Text(arguments, "prefix", string.Empty);
        if (ObjectKeyRules.PrefixProblem(prefix) is { } problem)
        {
            throw new RpcArgumentException($"prefix '{MessageText.Quote(prefix)}' is refused: {problem}");
        }

        await foreach (var entry in store.ListAsync(prefix, cancellationToken))
        {
            // FaaSr 2.1 reads one list_objects_v2 page: the first 1,000 keys, then drops those ending in '/'.
            if (++listed > ListPageSize)
            {
                break;
            }

            if (!entry.Key.EndsWith('/'))
            {
                keys.Add(entry.Key);
            }
        }

        return RpcReply.Ok(new JsonObject { ["folder_list"] = keys });
    }

    private RpcReply S3Credentials(JsonElement arguments)
    {
        var name = StoreName(arguments);
        var store = run.Graph.Document.DataStores[name];
        // FaaSr 2.1 gives the AWS endpoint of the store's region when the store names none.
        var endpoint = run.Options.StoreEndpoints.GetValueOrDefault(name)
            ?? (string.IsNullOrEmpty(store.Endpoint) ? $"https://s3.{store.Region}.amazonaws.com" : store.Endpoint);
        return RpcReply.Ok(new JsonObject
        {
            ["s3_creds"] = new JsonObject
            {
                ["bucket"] = store.Bucket,
                ["region"] = store.Region,
                ["endpoint"] = endpoint,
                ["access_key"] = store.Anonymous ? null : environment.GetValueOrDefault($"{name}_AccessKey"),
                ["secret_key"] = store.Anonymous ? null : environment.GetValueOrDefault($"{name}_SecretKey"),
                ["anonymous"] = store.Anonymous,
            },
        });
    }

    /// <summary>
    /// FaaSr 2.1's faasr_secret: an environment variable of the function's process, on GitHubActions only. A failure
    /// is logged by secret.py, then by the server, and the stub ends the function with exit code 1.
    /// </summary>
    private RpcReply Secret(JsonElement arguments)
    {
        var name = Text(arguments, "secret_name", null);
        var serverType = run.Graph.Document.ComputeServers[run.Graph.Action(instance.Action).FaaSServer].FaaSType;
        if (serverType != "GitHubActions")
        {
            var unsupported = $"faasr_secret: Compute server type '{serverType}' is not supported. Only GitHubActions is currently supported.";
            log.Write(FaaSrLogLevel.ERROR, SecretFile, unsupported);
            return Fail($"ERROR - failed to invoke faasr_secret - {unsupported}");
        }

        if (environment.TryGetValue(name, out var value))
        {
            return RpcReply.Ok(new JsonObject { ["secret_value"] = value });
        }

        var missing = $"faasr_secret: Secret '{name}' not found in environment variables";
        log.Write(FaaSrLogLevel.ERROR, SecretFile, missing);

        // str() of the KeyError FaaSr raises quotes its message.
        return Fail($"ERROR - failed to invoke faasr_secret - '{missing}'");
    }

    private async Task<RpcReply> ReturnAsync(JsonElement body, CancellationToken cancellationToken)
    {
        var result = body.TryGetProperty("FunctionResult", out var value) ? value : default;
        if (!PythonBool.TryRead(result, out var parsed))
        {
            return RpcReply.Failed($"FunctionResult must be a bool or None, not {result.GetRawText()}", 422);
        }

        lock (gate)
        {
            returnValue = parsed;
        }

        return await FlushAfterAsync("faasr_return", soon: false, cancellationToken) ?? RpcReply.Ok();
    }

    private async Task<RpcReply> ExitAsync(JsonElement body, CancellationToken cancellationToken)
    {
        if (body.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            lock (gate)
            {
                exitReport = new FunctionExitReport(OptionalText(body, "Message"), OptionalText(body, "Traceback"));
            }
        }

        return await FlushAfterAsync("faasr_exit", soon: false, cancellationToken) ?? RpcReply.Ok();
    }

    private async Task<RpcReply> LocalLogAsync(JsonElement body, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<FaaSrLogLevel>(OptionalText(body, "Level"), out var level))
        {
            return RpcReply.Failed("Level must be DEBUG, INFO, WARNING or ERROR.", 400);
        }

        log.Write(level, OptionalText(body, "File") ?? "faasr_local_entry.py", OptionalText(body, "Message") ?? string.Empty);
        return level == FaaSrLogLevel.ERROR ? await FlushAfterAsync("faasr_local_log", soon: false, cancellationToken) ?? RpcReply.Ok() : RpcReply.Ok();
    }

    private string StoreName(JsonElement arguments)
    {
        var name = Text(arguments, "server_name", string.Empty);
        name = name.Length == 0 ? run.Graph.Document.DefaultDataStore : name;
        return run.Graph.Document.DataStores.ContainsKey(name) ? name : throw new RpcArgumentException($"Invalid data server name: {name}");
    }

    private (string Name, IObjectStore Store) Store(JsonElement arguments)
    {
        var name = StoreName(arguments);
        return (name, run.Store(name));
    }

    /// <summary>The key of (remote_folder, remote_file); one that would leave the bucket (see <see cref="ObjectKeyRules"/>) is refused.</summary>
    private static string RemoteObjectKey(JsonElement arguments, string defaultFolder)
    {
        var key = RemoteKey.For(Text(arguments, "remote_folder", defaultFolder), Text(arguments, "remote_file", null));
        return ObjectKeyRules.KeyProblem(key) is { } problem
            ? throw new RpcArgumentException($"remote key '{MessageText.Quote(key)}' is refused: {problem}")
            : key;
    }

    /// <summary>
    /// local_folder/local_file inside the instance's working folder. A path that leaves it, also through a symbolic
    /// link, is refused: faasr-it reads and writes these files itself, so a function must not reach faasr-it's own
    /// files through it (its /proc/self/environ, the user's files); in FaaSr's container there are no such files.
    /// </summary>
    private string LocalPath(JsonElement arguments)
    {
        var path = Path.GetFullPath(Path.Combine(workingDirectory, Text(arguments, "local_folder", "."), Text(arguments, "local_file", null)));
        return ConfinedPath.IsInside(path, workingDirectory)
            ? path
            : throw new RpcArgumentException($"local path {MessageText.Quote(path)} is outside the function's working folder");
    }

    /// <summary>A string argument; <paramref name="fallback"/> null means it is required.</summary>
    private static string Text(JsonElement arguments, string name, string? fallback)
    {
        if (arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        return fallback ?? throw new RpcArgumentException($"missing required argument '{name}'");
    }

    private static string? OptionalText(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.CommandLine;
using FaaSr.Testing.Cli.Views;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it monitor WORKFLOW --invocation-id ID [--timestamp TS] [--s3-endpoint URL | --storage NAME] [--record FILE] [--timeout SECONDS] [--plain]</c>:
/// attaches to an invocation something else started (another faasr-it run, GitHub Actions, FaaSr itself) and watches
/// it through S3 with the same view, record and exit codes as <c>run</c>; an invocation that already ended is read and
/// concluded at once. Nothing is started, written or removed in the storage.
/// </summary>
internal static class MonitorCommand
{
    private const int DefaultTimeoutSeconds = 600;
    private const int MaxTimeoutSeconds = 4_294_967;

    public static Command Create()
    {
        var workflow = new Argument<string>("WORKFLOW") { Description = "The workflow JSON file the invocation runs." };
        var invocationId = new Option<string>("--invocation-id")
        {
            Description = "The InvocationID to watch.",
            Required = true,
        };
        var timestamp = new Option<string?>("--timestamp")
        {
            Description = "The invocation's InvocationTimestamp (its log folder {FaaSrLog}/{WorkflowName}/{TS}/{ID}); default the workflow's, else found by listing the workflow's log folder.",
        };
        var endpoint = new Option<string?>("--s3-endpoint")
        {
            Description = "Read every data store at this S3 endpoint; credentials come from {Store}_AccessKey and {Store}_SecretKey.",
        };
        var storage = new Option<string?>("--storage")
        {
            Description = $"Where the invocation's objects are: {StorageNames.Workflow} (the workflow's own DataStores, the default) or {StorageNames.Endpoint} (with --s3-endpoint).",
        };
        var record = new Option<string?>("--record")
        {
            Description = "Write the run record (statuses and times of every function) to this file, rewritten while the run goes on.",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Stop watching after this many seconds (the invocation itself goes on).",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
        var plain = new Option<bool>("--plain") { Description = "Plain lines even in an interactive terminal." };
        var streamLogs = new Option<bool>("--stream-logs") { Description = "Print every function's log lines as they arrive, each prefixed by its instance ('[work(3)] ...')." };
        var runs = new Option<string?>("--runs")
        {
            Description = "Folder where the run's record, logs, graph and objects are kept (default: artifacts/runs of the repository holding the workflow, else of the current folder).",
        };
        var command = new Command("monitor", "Watch an existing invocation of a workflow through S3, live or already finished, as 'run' watches its own.")
        {
            workflow,
            invocationId,
            timestamp,
            endpoint,
            storage,
            record,
            timeout,
            plain,
            streamLogs,
            runs,
        };
        command.SetAction((parseResult, cancellationToken) => MonitorAsync(
            new MonitorRequest(
                parseResult.GetValue(workflow)!,
                parseResult.GetValue(invocationId)!,
                parseResult.GetValue(timestamp),
                parseResult.GetValue(endpoint),
                parseResult.GetValue(storage),
                parseResult.GetValue(record),
                parseResult.GetValue(timeout),
                parseResult.GetValue(plain),
                parseResult.GetValue(streamLogs),
                parseResult.GetValue(runs)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> MonitorAsync(MonitorRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.TimeoutSeconds is <= 0 or > MaxTimeoutSeconds)
        {
            await error.WriteLineAsync($"monitor: --timeout must be between 1 and {MaxTimeoutSeconds} seconds, not {request.TimeoutSeconds}.");
            return ExitCodes.BadInput;
        }

        if (string.IsNullOrWhiteSpace(request.InvocationId) || request.InvocationId.Contains('/', StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"monitor: --invocation-id '{request.InvocationId}' is not an InvocationID.");
            return ExitCodes.BadInput;
        }

        if (request.Timestamp is { } given && (given.Length == 0 || given.Contains('/', StringComparison.Ordinal)))
        {
            await error.WriteLineAsync($"monitor: --timestamp '{given}' is not an InvocationTimestamp.");
            return ExitCodes.BadInput;
        }

        Uri? endpoint = null;
        if (request.Endpoint is not null
            && (!Uri.TryCreate(request.Endpoint, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            await error.WriteLineAsync($"monitor: --s3-endpoint '{request.Endpoint}' is not an absolute http(s) URL.");
            return ExitCodes.BadInput;
        }

        var storageName = request.Storage?.Trim().ToLowerInvariant() ?? (endpoint is null ? StorageNames.Workflow : StorageNames.Endpoint);
        if (storageName == StorageNames.Local)
        {
            await error.WriteLineAsync($"monitor: storage '{StorageNames.Local}' is a fresh local S3 server, which holds no invocation to watch: give --s3-endpoint URL of the server that holds it, or --storage {StorageNames.Workflow}.");
            return ExitCodes.BadInput;
        }

        if (!await WatchArguments.RecordIsWritableAsync("monitor", request.RecordFile, error)
            || await WatchArguments.LoadAsync(request.WorkflowFile, error) is not { } graph)
        {
            return ExitCodes.BadInput;
        }

        var messages = new List<string>();
        int exitCode;
        await using (var view = RunViews.Create(request.Plain, output))
        {
            exitCode = await AttachAsync(request, graph, storageName, endpoint, view, messages, cancellationToken);
        }

        foreach (var message in messages)
        {
            await error.WriteLineAsync(message);
        }

        return exitCode;
    }

    private static async Task<int> AttachAsync(
        MonitorRequest request, WorkflowGraph graph, string storageName, Uri? endpoint, IRunView view, List<string> messages, CancellationToken cancellationToken)
    {
        try
        {
            var settings = SettingSources.FromEnvironment(WorkflowEnvFile.For(request.WorkflowFile));
            var storage = LocalBackends.Catalog().CreateStorage(storageName, new BackendContext(settings, endpoint, TimeProvider.System));
            var attacher = new InvocationAttacher(storageName, storage);
            var secrets = SecretRedactor.For(graph.Document, settings);
            var changes = new StatusChangeFlag();
            var runsFolder = WorkflowRunsFolder.For(request.WorkflowFile, request.RunsFolder);
            RunRecordPublisher? publisher = null;
            RunRecordPublisher? kept = null;
            string? ownRecord = null;
            await using var session = await attacher.AttachAsync(
                graph,
                request.InvocationId,
                request.Timestamp,
                new MonitorOptions { LiveLogs = request.StreamLogs },
                (attached, _) =>
                {
                    changes.Follow(attached.Monitor);
                    if (request.StreamLogs)
                    {
                        LogStream.Follow(attached, view.Output, secrets);
                    }

                    // The faasr-it that runs the invocation may keep its own record there: never write over it.
                    var keptPath = WorkflowRunsFolder.RecordPath(runsFolder, attached);
                    kept = File.Exists(keptPath) ? null : RunRecordPublisher.Start(attached, keptPath, new RunArtifactOptions { Secrets = secrets });
                    ownRecord = kept is null ? keptPath : null;
                    publisher = request.RecordFile is null ? null : RunRecordPublisher.Start(attached, request.RecordFile, new RunArtifactOptions { Secrets = secrets });
                    return Task.CompletedTask;
                },
                cancellationToken);
            await using (kept)
            await using (publisher)
            {
                view.Output($"Workflow {graph.WorkflowName}: InvocationID {session.InvocationId}, log folder {session.Folder.Prefix}");
                view.Output($"Watching an existing invocation in {attacher.Description}");
                var exitCode = await SessionWatch.WatchToEndAsync(
                    "monitor", session, view, changes, TimeSpan.FromSeconds(request.TimeoutSeconds), secrets, messages, cancellationToken);
                messages.Add(kept is not null
                    ? $"Run record and logs kept in {kept.Path} and {RunArtifacts.FolderOf(kept.Path)}"
                    : $"The run's own record is {ownRecord} (not written over; --record FILE writes this watch's).");
                return exitCode;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            messages.Add("monitor: interrupted while attaching.");
            return ExitCodes.Interrupted;
        }
    }

    private sealed record MonitorRequest(
        string WorkflowFile, string InvocationId, string? Timestamp, string? Endpoint, string? Storage, string? RecordFile, int TimeoutSeconds, bool Plain, bool StreamLogs, string? RunsFolder);
}

using System.Collections.Concurrent;
using System.CommandLine;
using FaaSr.Testing.Cli.Views;
using FaaSr.Testing.Comparison;
using FaaSr.Testing.Faasr;
using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.GitHub.Compute;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage.Faults;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it run WORKFLOW [--local | --env local|cloud] [--compute NAME] [--storage NAME] [--functions DIR] [--s3-endpoint URL] [--record FILE] [--timeout SECONDS] [--plain] [--pip-find-links DIR] [--pip-index URL] [--s3-faults RATE [--s3-faults-seed N]] [--backend SRC] [--entry SRC] [--workflow-tools SRC] [--github-api-url URL]</c>:
/// launches one invocation through the same session the MSTest tester uses, watches it through S3 and shows it live (a
/// table in a terminal, plain lines otherwise); --record keeps a run record current while it runs. Exit 0 when every
/// instance completed or was not invoked, 1 for any other status or a timeout, 2 on bad input or a missing credential,
/// 3 when python3, node or S3 is missing (exceptions are mapped by <see cref="FailureExit"/>), 130 when Ctrl-C stopped it (the run's processes and local S3 server stopped).
/// </summary>
internal static class RunCommand
{
    private const int DefaultTimeoutSeconds = 600;

    /// <summary>The longest wait CancellationTokenSource.CancelAfter accepts, in whole seconds.</summary>
    private const int MaxTimeoutSeconds = 4_294_967;

    public static Command Create()
    {
        var workflow = new Argument<string>("WORKFLOW") { Description = "The workflow JSON file." };
        var profile = new Option<string?>("--env")
        {
            Description = $"Profile, a (storage, compute) pair: local = a local S3 server + the emulated compute; cloud = the workflow's own S3 endpoints + GitHub Actions. Default {ProfileNames.Variable}, else local.",
        };
        var local = new Option<bool>("--local")
        {
            Description = "Shorthand for --env local: a local S3 server (unless --s3-endpoint is given) and the emulated compute.",
        };
        var compute = new Option<string?>("--compute")
        {
            Description = $"What runs the functions instead of the profile's: {ComputeNames.Emulated} (this machine, the local executor), {ComputeNames.GitHub}, {ComputeNames.FaaSr}; default {ComputeNames.Variable}, else the profile's.",
        };
        var storage = new Option<string?>("--storage")
        {
            Description = $"Where the objects live instead of the profile's: {StorageNames.Local} (a local S3 server), {StorageNames.Workflow} (the workflow's own DataStores), {StorageNames.Endpoint} (with --s3-endpoint); default {StorageNames.Variable}, else the profile's.",
        };
        var functions = new Option<string?>("--functions")
        {
            Description = "Folder of the function code: the folder that holds it, a functions/ folder (functions/X for FunctionGitRepo 'owner/repo/functions/X'), or a repository root; 'owner/repo/a/b' maps to the longest tail of 'a/b' under it. Default: the first of functions/ beside the workflow's folder, the current folder and the workflow's folder that holds every action's code.",
        };
        var endpoint = new Option<string?>("--s3-endpoint")
        {
            Description = "Put every data store at this S3 endpoint instead; credentials come from {Store}_AccessKey and {Store}_SecretKey, missing buckets are created.",
        };
        var record = new Option<string?>("--record")
        {
            Description = "Write the run record (statuses and times of every function) to this file, rewritten while the run goes on.",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Stop the run, killing its processes, after this many seconds.",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
        var plain = new Option<bool>("--plain") { Description = "Plain lines even in an interactive terminal." };
        var streamLogs = new Option<bool>("--stream-logs") { Description = "Print every function's log lines as they arrive, each prefixed by its instance ('[work(3)] ...')." };
        var runs = new Option<string?>("--runs")
        {
            Description = "Folder where the run's record, logs, graph and objects are kept (default: artifacts/runs of the repository holding the workflow, else of the current folder).",
        };
        var pipFindLinks = new Option<string?>("--pip-find-links")
        {
            Description = $"Emulated and faasr computes: a folder of wheels (or sdists) pip installs PyPIPackageDownloads from, as FaaSr does per action; default {PipSources.FindLinksVariable}.",
        };
        var pipIndex = new Option<string?>("--pip-index")
        {
            Description = $"Emulated and faasr computes: a package index URL for PyPIPackageDownloads (PyPI itself is not used); default {PipSources.IndexVariable}.",
        };
        var backend = new Option<string?>("--backend")
        {
            Description = $"faasr compute: your FaaSr-Backend, a folder or a git URL[@REF] (cloned into a per-user cache); default {FaasrSourceRole.Backend.Variable}.",
        };
        var entry = new Option<string?>("--entry")
        {
            Description = $"faasr compute: your FaaSr-Docker (its faas_specific/faasr_entry.py and GitHub Actions Dockerfile), a folder or a git URL[@REF]; default {FaasrSourceRole.Entry.Variable}.",
        };
        var workflowTools = new Option<string?>("--workflow-tools")
        {
            Description = $"faasr compute: your FaaSr-workflow (scripts/register_workflow.py, invoke_workflow.py), a folder or a git URL[@REF]; default {FaasrSourceRole.WorkflowTools.Variable}, else the repository's faasr_workflow/ when it holds them.",
        };
        var s3Faults = new Option<double?>("--s3-faults")
        {
            Description = "Put every store behind a loopback proxy that faults this fraction of S3 requests (0.2 = 20 %): 503 SlowDown, connection resets, truncated bodies. For resilience tests.",
        };
        var s3FaultsSeed = new Option<int?>("--s3-faults-seed")
        {
            Description = "The seed of --s3-faults' choices, to repeat a run's faults; default: a random one, printed.",
        };
        var compare = new Option<string?>("--compare")
        {
            Description = $"Run the workflow on two computes, one after the other (e.g. {ComputeNames.Emulated},{ComputeNames.FaaSr}), and report every difference in final status and in the objects left (contents of user data), ignoring invocation ids, timestamps and log timing; exit 4 on a difference. The last line says 'no difference' or how many.",
        };
        var gitHubApiUrl = GitHubOptions.ApiUrl();
        gitHubApiUrl.Description = "github compute: " + gitHubApiUrl.Description;
        var command = new Command("run", "Run a FaaSr workflow end to end, watching every function instance through S3.")
        {
            workflow,
            profile,
            local,
            compute,
            storage,
            functions,
            endpoint,
            record,
            timeout,
            plain,
            streamLogs,
            runs,
            pipFindLinks,
            pipIndex,
            s3Faults,
            s3FaultsSeed,
            backend,
            entry,
            workflowTools,
            compare,
            gitHubApiUrl,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(local) && result.GetValue(profile) is { } named && ProfileNames.Parse(named) != ProfileKind.Local)
            {
                result.AddError($"--local and --env {named} contradict each other: choose one.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new RunRequest(
                parseResult.GetValue(workflow)!,
                parseResult.GetValue(local) ? ProfileNames.Local : parseResult.GetValue(profile),
                parseResult.GetValue(compute),
                parseResult.GetValue(storage),
                parseResult.GetValue(functions),
                parseResult.GetValue(endpoint),
                parseResult.GetValue(record),
                parseResult.GetValue(timeout),
                parseResult.GetValue(plain),
                parseResult.GetValue(pipFindLinks),
                parseResult.GetValue(pipIndex),
                parseResult.GetValue(s3Faults) is { } rate ? new RandomFaults(rate, parseResult.GetValue(s3FaultsSeed) ?? Random.Shared.Next()) : null,
                new FaasrSourceOptions
                {
                    Backend = parseResult.GetValue(backend),
                    Entry = parseResult.GetValue(entry),
                    WorkflowTools = parseResult.GetValue(workflowTools),
                })
            {
                Compare = parseResult.GetValue(compare),
                StreamLogs = parseResult.GetValue(streamLogs),
                RunsFolder = parseResult.GetValue(runs),
                GitHubApiUrl = parseResult.GetValue(gitHubApiUrl),
            },
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.TimeoutSeconds <= 0)
        {
            await error.WriteLineAsync($"run: --timeout must be a positive number of seconds, not {request.TimeoutSeconds}.");
            return ExitCodes.BadInput;
        }

        if (request.TimeoutSeconds > MaxTimeoutSeconds)
        {
            await error.WriteLineAsync($"run: --timeout {request.TimeoutSeconds} is more than {MaxTimeoutSeconds} seconds (about 49 days), the longest a timer can wait.");
            return ExitCodes.BadInput;
        }

        if (request.FunctionsFolder is { } functionsFolder && !Directory.Exists(functionsFolder))
        {
            await error.WriteLineAsync($"run: --functions '{functionsFolder}' is not a folder: give the folder that holds the code, a functions/ folder or a repository root.");
            return ExitCodes.BadInput;
        }

        if (request.PipFindLinks is { } folder && !Directory.Exists(folder))
        {
            await error.WriteLineAsync($"run: --pip-find-links '{folder}' is not a folder.");
            return ExitCodes.BadInput;
        }

        if (request.PipIndex is { } index && !(Uri.TryCreate(index, UriKind.Absolute, out var indexUri) && indexUri.Scheme is "http" or "https" or "file"))
        {
            await error.WriteLineAsync($"run: --pip-index '{index}' is not an http(s) or file URL.");
            return ExitCodes.BadInput;
        }

        if (request.S3Faults is { } faults && RandomFaults.RateProblem(faults.Rate) is { } faultsProblem)
        {
            await error.WriteLineAsync($"run: --s3-faults: {faultsProblem}.");
            return ExitCodes.BadInput;
        }

        Uri? endpoint = null;
        if (request.Endpoint is not null
            && (!Uri.TryCreate(request.Endpoint, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            await error.WriteLineAsync($"run: --s3-endpoint '{request.Endpoint}' is not an absolute http(s) URL.");
            return ExitCodes.BadInput;
        }

        string[]? compared = null;
        if (request.Compare is { } pair)
        {
            compared = pair.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToArray();
            var problem = compared.Length != 2 || compared[0] == compared[1] ? $"--compare '{pair}' must name two different computes, e.g. {ComputeNames.Emulated},{ComputeNames.FaaSr}."
                : request.Compute is not null ? $"--compare {pair} and --compute {request.Compute} contradict each other: --compare names the computes."
                : request.RecordFile is not null ? "--record holds one run, and --compare makes two: leave one of them out."
                : null;
            if (problem is not null)
            {
                await error.WriteLineAsync($"run: {problem}");
                return ExitCodes.BadInput;
            }
        }

        if (!await WatchArguments.RecordIsWritableAsync("run", request.RecordFile, error)
            || await WatchArguments.LoadAsync(request.WorkflowFile, error) is not { } graph)
        {
            return ExitCodes.BadInput;
        }

        var messages = new List<string>();
        if (compared is not null)
        {
            return await CompareAsync(request, graph, endpoint, compared, output, error, cancellationToken);
        }

        int exitCode;
        await using (var view = RunViews.Create(request.Plain, output))
        {
            exitCode = await LaunchAsync(request, graph, endpoint, view, messages, null, cancellationToken);
        }

        foreach (var message in messages)
        {
            await error.WriteLineAsync(message);
        }

        return exitCode;
    }

    /// <summary>
    /// --compare A,B: the workflow runs on A, then on B, each with a storage of its own; after each, what it left is
    /// read (<see cref="RunSnapshot"/>); then every difference is printed, the last line "no difference" or the count.
    /// Exit 4 on a difference, else the runs' exit code (1 when functions failed on both alike).
    /// </summary>
    private static async Task<int> CompareAsync(
        RunRequest request, WorkflowGraph graph, Uri? endpoint, string[] computes, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var snapshots = new List<RunSnapshot>();
        var exitCodes = new List<int>();
        foreach (var compute in computes)
        {
            var messages = new List<string>();
            int exitCode;
            await using (var view = RunViews.Create(request.Plain, output))
            {
                view.Output($"compare: running {graph.WorkflowName} on {compute}");
                exitCode = await LaunchAsync(
                    request with { Compute = compute },
                    graph,
                    endpoint,
                    view,
                    messages,
                    async (session, token) => snapshots.Add(await RunSnapshot.CaptureAsync(session, await session.Monitoring, token)),
                    cancellationToken);
            }

            foreach (var message in messages)
            {
                await error.WriteLineAsync(message);
            }

            exitCodes.Add(exitCode);
            if (exitCode is ExitCodes.Interrupted or ExitCodes.BadInput or ExitCodes.EnvironmentProblem || snapshots.Count < exitCodes.Count)
            {
                await error.WriteLineAsync($"run: --compare stopped: the run on {compute} ended with exit {exitCode} before its objects could be read.");
                return exitCode;
            }
        }

        var comparison = RunComparison.Of(snapshots[0], snapshots[1]);
        foreach (var line in comparison.Lines())
        {
            await output.WriteLineAsync(line);
        }

        return comparison.HasDifferences ? ExitCodes.Difference : exitCodes.Max();
    }

    /// <param name="afterRun">Runs once monitoring ended, before the session (and its storage) is disposed.</param>
    private static async Task<int> LaunchAsync(
        RunRequest request, WorkflowGraph graph, Uri? endpoint, IRunView view, List<string> messages, Func<IWorkflowSession, CancellationToken, Task>? afterRun, CancellationToken cancellationToken)
    {
        // What a compute reports while it runs (from its own threads), shown after the run's view.
        var computeLines = new ConcurrentQueue<string>();
        try
        {
            return await LaunchAsync(request, graph, endpoint, view, messages, computeLines, afterRun, cancellationToken);
        }
        finally
        {
            messages.InsertRange(0, computeLines);
        }
    }

    private static async Task<int> LaunchAsync(
        RunRequest request,
        WorkflowGraph graph,
        Uri? endpoint,
        IRunView view,
        List<string> messages,
        ConcurrentQueue<string> computeLines,
        Func<IWorkflowSession, CancellationToken, Task>? afterRun,
        CancellationToken cancellationToken)
    {
        try
        {
            var settings = SettingSources.FromEnvironment(WorkflowEnvFile.For(request.WorkflowFile));
            var secrets = SecretRedactor.For(graph.Document, settings);

            // A compute's lines (GitHub's messages, an action's output tail) are masked before they are kept.
            void ComputeLine(string line) => computeLines.Enqueue(secrets.Redact(line));
            var pip = request.PipFindLinks is null && request.PipIndex is null
                ? null
                : new PipSources(request.PipFindLinks is null ? null : Path.GetFullPath(request.PipFindLinks), request.PipIndex);
            var launcher = SessionComposer.Compose(
                new SessionRequest { Profile = request.Profile, Compute = request.Compute, Storage = request.Storage, S3Endpoint = endpoint, S3Faults = request.S3Faults },
                settings,
                GitHubBackends.AddTo(
                    FaasrBackends.AddTo(LocalBackends.Catalog(pip), new FaasrComputeOptions
                    {
                        Sources = (request.FaasrSources ?? new FaasrSourceOptions()) with
                        {
                            DefaultWorkflowTools = FaasrWorkflowSubtree(request.WorkflowFile),
                        },
                        Pip = pip ?? PipSources.None,
                        Report = ComputeLine,
                    }),
                    new GitHubComputeOptions
                    {
                        ApiUrl = request.GitHubApiUrl,
                        WorkflowPath = RepositoryLayout.PathInRepository(request.WorkflowFile),
                        Report = ComputeLine,
                    }));

            // The faasr compute checks its sources and Python modules before anything runs (no S3 server started yet).
            if (launcher.Compute is FaasrCompute faasr)
            {
                var setup = await faasr.PrepareAsync(cancellationToken);
                foreach (var source in setup.Sources.All)
                {
                    view.Output($"faasr: {source.Describe()}");
                }
            }
            var (functionsRoot, codeNotFound) = request.FunctionsFolder is { } given
                ? (Path.GetFullPath(given), null)
                : DefaultFunctionsFolder(request.WorkflowFile, graph.Document, launcher.Compute.Name);
            var changes = new StatusChangeFlag();
            var runsFolder = WorkflowRunsFolder.For(request.WorkflowFile, request.RunsFolder);
            RunRecordPublisher? publisher = null;
            RunRecordPublisher? kept = null;
            await using var session = await launcher.LaunchAsync(
                new WorkflowLaunch
                {
                    Graph = graph,
                    FunctionsRoot = functionsRoot,
                    Monitor = new MonitorOptions { LiveLogs = request.StreamLogs },
                    BeforeStart = (started, _) =>
                    {
                        // Told once storage is known to work, so a missing credential or endpoint is reported first.
                        if (codeNotFound is not null)
                        {
                            throw codeNotFound;
                        }

                        changes.Follow(started.Monitor);
                        if (request.StreamLogs)
                        {
                            LogStream.Follow(started, view.Output, secrets);
                        }

                        // Every run keeps its record and logs in the runs folder; --record writes one more copy.
                        kept = RunRecordPublisher.Start(started, WorkflowRunsFolder.RecordPath(runsFolder, started), new RunArtifactOptions { Secrets = secrets });
                        publisher = request.RecordFile is null ? null : RunRecordPublisher.Start(started, request.RecordFile, new RunArtifactOptions { Secrets = secrets });
                        return Task.CompletedTask;
                    },
                },
                cancellationToken);
            await using (kept)
            await using (publisher)
            {
                view.Output($"Workflow {graph.WorkflowName}: InvocationID {session.InvocationId}, log folder {session.Folder.Prefix}");
                view.Output($"Profile {launcher.Description}");
                var exitCode = await SessionWatch.WatchToEndAsync(
                    "run", session, view, changes, TimeSpan.FromSeconds(request.TimeoutSeconds), secrets, messages, cancellationToken);
                messages.Add($"Run record and logs kept in {kept!.Path} and {RunArtifacts.FolderOf(kept.Path)}");
                if (request.S3Faults is not null)
                {
                    view.Output($"Storage {session.StorageDescription}");
                }

                if (afterRun is not null && exitCode != ExitCodes.Interrupted)
                {
                    await afterRun(session, cancellationToken);
                }

                return exitCode;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            messages.Add("run: interrupted while starting; what was started is stopped.");
            return ExitCodes.Interrupted;
        }

        // Anything else (bad settings, no python3, S3 unreachable, a run record folder removed while the run goes on)
        // leaves through FailureExit, which gives its category's exit code and message.
    }

    /// <summary>The repository's faasr_workflow/ subtree (used by the faasr compute when no FaaSr-workflow source is named).</summary>
    private static string? FaasrWorkflowSubtree(string workflowFile)
    {
        try
        {
            return Path.Combine(RepositoryLayout.Find(Path.GetDirectoryName(Path.GetFullPath(workflowFile))!).Root, "faasr_workflow");
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Where the code is when --functions is not given (<see cref="FunctionsFolderSearch"/>): functions/ beside the
    /// workflow's folder, the current folder, or the workflow's own folder. When none holds it, the first, and for the
    /// computes that run local code (emulated, faasr) the error saying what was tried.
    /// </summary>
    private static (string Folder, LocalRunSetupException? NotFound) DefaultFunctionsFolder(string workflowFile, WorkflowDocument document, string computeName)
    {
        var candidates = FunctionsFolderSearch.CandidatesFor(workflowFile, Directory.GetCurrentDirectory());
        try
        {
            return (FunctionsFolderSearch.Choose(document, candidates), null);
        }
        catch (LocalRunSetupException notFound)
        {
            return (candidates[0], computeName is ComputeNames.Emulated or ComputeNames.FaaSr ? notFound : null);
        }
    }

    private sealed record RunRequest(
        string WorkflowFile, string? Profile, string? Compute, string? Storage, string? FunctionsFolder, string? Endpoint, string? RecordFile, int TimeoutSeconds, bool Plain,
        string? PipFindLinks = null, string? PipIndex = null, RandomFaults? S3Faults = null, FaasrSourceOptions? FaasrSources = null)
    {
        public bool StreamLogs { get; init; }

        public string? RunsFolder { get; init; }

        /// <summary>--compare A,B: the two computes to run and compare.</summary>
        public string? Compare { get; init; }

        /// <summary>--github-api-url: the github compute's API root (GitHub Enterprise Server).</summary>
        public string? GitHubApiUrl { get; init; }
    }
}

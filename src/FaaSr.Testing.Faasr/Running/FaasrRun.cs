using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FaaSr.Testing.Faasr.Registration;
using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Faasr.Running;

/// <summary>
/// One invocation on the faasr compute: the staged repository, the GitHub stand-in serving it, the registered jobs,
/// the action runner, and the run's own folder (working folders of the actions, a HOME). Disposing stops the action
/// still running, the stand-in, removes the backend's /tmp leftovers and the run's folder.
/// </summary>
public sealed class FaasrRun : IComputeRun
{
    private static readonly TimeSpan ScriptTimeLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource stop = new();
    private readonly string folder;
    private readonly FaasrComputeOptions options;
    private ActionRunner? runner;
    private GitHubStandIn? standIn;
    private BackendScratch? scratch;
    private int disposed;

    private FaasrRun(string folder, FaasrComputeOptions options)
    {
        this.folder = folder;
        this.options = options;
    }

    public Task Completion => runner?.Completion ?? Task.CompletedTask;

    /// <summary>Every action run so far, in the order they ran.</summary>
    public IReadOnlyList<ActionRun> Actions => runner?.Runs ?? [];

    /// <summary>Every host an action tried that the stand-in refused, each once.</summary>
    public IReadOnlyList<string> RefusedHosts => standIn?.RefusedHosts ?? [];

    /// <summary>
    /// The FaaSr code the run uses, for the run record: each source as given, with its commit (a work tree with
    /// uncommitted changes shows it after the commit).
    /// </summary>
    public IReadOnlyList<RunRecordSource> Sources { get; private set; } = [];

    /// <summary>Every request the stand-in answered (the trigger's, the backend's).</summary>
    public IReadOnlyList<RecordedRequest> Requests => standIn?.Requests ?? [];

    internal static async Task<FaasrRun> StartAsync(ComputeStart start, FaasrSetup setup, FaasrComputeOptions options, CancellationToken cancellationToken)
    {
        var run = new FaasrRun(Directory.CreateTempSubdirectory("faasr-it-faasr-run-").FullName, options);
        try
        {
            await run.StartAsync(start, setup, cancellationToken);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(ComputeStart start, FaasrSetup setup, CancellationToken cancellationToken)
    {
        var document = start.Graph.Document;
        var sources = setup.Sources;
        Sources = sources.All
            .Select(s => new RunRecordSource(s.Role.Project, s.Given, s.Commit is null ? null : s.Modified ? $"{s.Commit} (with uncommitted changes)" : s.Commit))
            .ToList();
        var staged = await StagedRepository.CreateAsync(start, Path.Combine(folder, "repository"), cancellationToken);
        var home = Directory.CreateDirectory(Path.Combine(folder, "home")).FullName;
        var token = $"faasr-it-stand-in-{Guid.NewGuid():N}";
        var jobs = new Dictionary<string, RegisteredJob>(StringComparer.Ordinal);
        ActionRunner? dispatchTarget = null;
        standIn = await GitHubStandIn.StartAsync(
            new GitHubStandInOptions
            {
                Repositories = staged.Repositories,
                AcceptedTokens = [token],
                RequireRegisteredWorkflows = sources.WorkflowTools is not null,
                OnDispatch = (dispatch, _) =>
                {
                    if (dispatchTarget?.Enqueue(dispatch) != true)
                    {
                        options.Report?.Invoke($"faasr: a dispatch of {dispatch.WorkflowFile} came after the run ended; it is not run.");
                    }

                    return Task.CompletedTask;
                },
            },
            options.Clock,
            cancellationToken);

        // The repository's Actions secrets: what the session gives functions, and the stand-in's token as each PAT.
        var secrets = new Dictionary<string, string>(start.FunctionEnvironment, StringComparer.Ordinal);
        foreach (var name in document.ComputeServers.Values.Where(s => s.FaaSType == "GitHubActions").Select(s => $"{s.Name}_PAT").Append("GH_PAT"))
        {
            secrets.TryAdd(name, token);
        }

        var image = ImageEnvironment.Read(ImageEnvironment.GitHubActionsDockerfiles.Select(sources.Entry.PathOf));
        var environment = new ActionEnvironment(document, secrets, image, standIn.ClientEnvironment, sources.Backend.Folder, setup.Python.Executable, options.Pip, home);
        scratch = new BackendScratch(BackendScratch.BackendRoot, start.Folder, staged.RepositoryNames);
        runner = new ActionRunner(
            new ActionRunner.Settings(
                setup.Python.Executable,
                sources.Entry.PathOf("faas_specific"),
                Directory.CreateDirectory(Path.Combine(folder, "actions")).FullName,
                environment,
                scratch,
                options.LockPath,
                options.ActionTimeLimit,
                options.Clock,
                Report),
            dispatch => jobs.GetValueOrDefault($"{dispatch.Owner}/{dispatch.Repository}/{dispatch.WorkflowFile}".ToLowerInvariant()),
            () => standIn.Refusals);
        dispatchTarget = runner;
        runner.Start(stop.Token);

        var entryServer = document.ComputeServers[start.Graph.Action(document.FunctionInvoke).FaaSServer];
        var repository = $"{entryServer.Field("UserName")}/{entryServer.Field("ActionRepoName")}";
        var branch = entryServer.Field("Branch") ?? "main";
        if (sources.WorkflowTools is { } tools)
        {
            var scripts = environment.ForScript(repository, branch, token);
            await RunScriptAsync(setup, tools, "register_workflow.py", tools.Folder, Path.Combine(staged.Folder, staged.WorkflowPath), scripts, cancellationToken);
            foreach (var served in staged.Repositories)
            {
                foreach (var (path, content) in standIn.Repository($"{served.Owner}/{served.Name}").WrittenFiles.Where(f => f.Key.StartsWith(".github/workflows/", StringComparison.Ordinal)))
                {
                    var file = path[".github/workflows/".Length..];
                    jobs[$"{served.Owner}/{served.Name}/{file}".ToLowerInvariant()] = RegisteredJob.Parse(path, Encoding.UTF8.GetString(content));
                }
            }

            await RunScriptAsync(setup, tools, "invoke_workflow.py", staged.Folder, staged.WorkflowPath, scripts, cancellationToken);
        }
        else
        {
            await DispatchEntryAsync(repository, branch, $"{document.WorkflowName}-{document.FunctionInvoke}.yml", document.FunctionInvoke, $"{repository}/{branch}/{staged.WorkflowPath}", token, cancellationToken);
        }

        runner.CompleteIfIdle();
        if (standIn.Dispatches.Count == 0)
        {
            throw new FaasrStepException($"The entry action '{document.FunctionInvoke}' was not dispatched: the trigger ended without a workflow_dispatch reaching the GitHub stand-in.");
        }
    }

    private async Task RunScriptAsync(
        FaasrSetup setup, FaasrSource tools, string script, string workingFolder, string workflowFile, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var exit = await ChildProcess.RunAsync(
            new ProcessLaunch(setup.Python.Executable, [tools.PathOf($"scripts/{script}"), "--workflow-file", workflowFile], workingFolder, environment, string.Empty) { TimeLimit = ScriptTimeLimit },
            options.Clock,
            cancellationToken);
        if (exit.ExitCode != 0)
        {
            throw new FaasrStepException(
                $"FaaSr-workflow's {script} {(exit.TimedOut ? $"did not finish within {ScriptTimeLimit.TotalMinutes:0} minutes" : $"exited {exit.ExitCode}")}; its last lines:{Environment.NewLine}{exit.OutputTail.TrimEnd()}");
        }
    }

    /// <summary>Without FaaSr-workflow: the dispatch invoke_workflow.py would send, sent to the stand-in's API directly.</summary>
    private async Task DispatchEntryAsync(string repository, string branch, string workflowFile, string entryAction, string payloadUrl, string token, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = standIn!.ApiBaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("faasr-it", "1"));
        var body = new JsonObject
        {
            ["ref"] = branch,
            ["inputs"] = new JsonObject
            {
                [WorkflowDispatch.OverwrittenInput] = new JsonObject { ["FunctionInvoke"] = entryAction }.ToJsonString(),
                [WorkflowDispatch.PayloadUrlInput] = payloadUrl,
            },
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"repos/{repository}/actions/workflows/{workflowFile}/dispatches", content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new FaasrStepException(
                $"Dispatching the entry action ({workflowFile}) to the GitHub stand-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private void Report(ActionRun run)
    {
        options.ActionFinished?.Invoke(run);
        if (options.Report is not { } report)
        {
            return;
        }

        foreach (var host in run.RefusedHosts)
        {
            report($"faasr: {run.Instance} tried to reach {host}, which the GitHub stand-in refused (an action reaches only api.github.com, through the stand-in, and the run's storage).");
        }

        if (!run.Succeeded)
        {
            var tail = run.OutputTail.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').TakeLast(5);
            report(string.Create(CultureInfo.InvariantCulture,
                $"faasr: {run.Instance} {(run.TimedOut ? "was killed after running too long" : $"exited {run.ExitCode}")} after {run.Duration.TotalSeconds:0.0} s; last lines:{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", tail)}"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        var failures = new List<Exception>();

        // The session ends once every instance is final in S3; an action may still be in its last seconds (its log's
        // last flush, the RPC server's shutdown) or a losing fan-in candidate may be queued. Let the one running end
        // for a moment, as it would in the cloud, run none of the queued, then stop what is left.
        if (runner is not null)
        {
            runner.StopAfterCurrent();
            try
            {
                await runner.Completion.WaitAsync(EndGrace);
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
            {
                // Still running after the grace: it is stopped below.
            }
            catch (Exception)
            {
                // The run's fault was reported through Completion already.
            }
        }

        await stop.CancelAsync();
        await Failures.CollectAsync(async () =>
        {
            try
            {
                await (runner?.Completion ?? Task.CompletedTask);
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
            catch (Exception)
            {
                // The run's fault was reported through Completion already.
            }
        }, failures);
        if (standIn is not null)
        {
            await Failures.CollectAsync(async () => await standIn.DisposeAsync(), failures);
        }

        await Failures.CollectAsync(() =>
        {
            scratch?.Remove();
            return Task.CompletedTask;
        }, failures);
        await Failures.CollectAsync(() =>
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return Task.CompletedTask;
        }, failures);
        stop.Dispose();
        Failures.ThrowIfAny(failures, "Stopping the faasr run failed.");
    }
}

using System.Globalization;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// One start of one instance, following FaaSr's action lifecycle (docs/faasr-semantics.md, "Action lifecycle"): fan-in gate, log, function
/// process, .done, then the scheduler's dispatches. Log lines carry FaaSr's texts and file names, so a monitor
/// reading S3 sees what a cloud run writes.
/// </summary>
internal sealed class InstanceExecution(LocalRunContext run, FunctionInstance instance, Action<FunctionInstance> dispatch)
{
    private const string Entry = "faasr_entry.py";
    private const string Executor = "executor.py";
    private const string Scheduler = "scheduler.py";
    private const string Helper = "faasr_start_invoke_helper.py";

    private readonly ActionDefinition action = run.Graph.Action(instance.Action);

    /// <param name="slots">Bounds how many instances run at once; taken after the fan-in gate.</param>
    public async Task<InstanceOutcome> RunAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        if (run.Graph.IsFanIn(action.Name) && await FanInGate.DecideAsync(run, action.Name, cancellationToken) is { Runs: false } stopped)
        {
            return InstanceOutcome.NotRun(instance, stopped.StopReason!);
        }

        await slots.WaitAsync(cancellationToken);
        try
        {
            return await ExecuteAsync(cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<InstanceOutcome> ExecuteAsync(CancellationToken cancellationToken)
    {
        var outcome = new InstanceOutcome(instance, InstanceState.Completed, null) { StartedAt = run.Clock.GetUtcNow() };
        var log = new InstanceLog(run.LoggingStore, run.Folder.LogKey(instance), run.Clock);
        if (CloudCrashRules.MissingType(run.Graph.Document, action) is { } crash)
        {
            // The cloud action dies before its first log flush; the emulated one says why, and writes no .done.
            return await FailAsync(log, outcome, crash, cancellationToken);
        }

        log.Write(FaaSrLogLevel.DEBUG, Executor, "Starting dependency install");

        var runtime = run.Runtimes.For(action.Type ?? FunctionLanguage.Python);
        if (runtime.UnavailableReason is { } unavailable)
        {
            return await FailAsync(log, outcome, unavailable, cancellationToken);
        }

        var source = run.SourceOf(action.Name);
        var downloadRoot = Path.Combine(run.RunFolder, "functions", instance.Name);
        FunctionDownload.Place(source, downloadRoot);
        foreach (var repo in run.Graph.Document.FunctionGitRepo.GetValueOrDefault(action.FunctionName) ?? [])
        {
            foreach (var (level, message) in DownloadLogLines.For(repo))
            {
                log.Write(level, Helper, message);
            }
        }

        var packagesFolder = await InstallPackagesAsync(log, cancellationToken);
        log.Write(FaaSrLogLevel.DEBUG, Executor, "Finished installing dependencies");
        log.Write(FaaSrLogLevel.INFO, Executor, $"Starting server on localhost port {run.RpcServer.Port}");

        var workingDirectory = Path.Combine(run.RunFolder, "instances", instance.Name);
        Directory.CreateDirectory(workingDirectory);
        var functionEnvironment = Execution.FunctionEnvironment.ForAction(run.FunctionEnvironment, run.Graph, instance, run.Identity);
        var session = new InstanceRpcSession(run, instance, log, workingDirectory, functionEnvironment);
        var (token, registration) = run.RpcServer.Register(session);
        ProcessExit exit;
        using (registration)
        {
            var environment = new Dictionary<string, string>(functionEnvironment, StringComparer.Ordinal);
            environment["FAASR_LOCAL_RPC_PORT"] = run.RpcServer.Port.ToString(CultureInfo.InvariantCulture);
            environment["FAASR_LOCAL_RPC_TOKEN"] = token;
            environment[ProcessSweep.Variable] = ProcessSweep.MarkerFor(run.RunFolder);
            var timeLimit = action.MaxRuntime is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;

            // FaaSr's first write of the log object happens as its RPC server starts. The parent process then
            // buffers these two records until its next flush, after the function's process has ended.
            await log.FlushAsync(cancellationToken);
            var polling = log.Record(FaaSrLogLevel.DEBUG, Executor, "Polling localhost");
            var starting = log.Record(FaaSrLogLevel.INFO, Executor, $"Starting function: {action.FunctionName} ({runtime.Language})");
            exit = await runtime.RunAsync(
                new FunctionLaunch(action.FunctionName, action.Arguments, source, workingDirectory, environment, timeLimit)
                {
                    DownloadRoot = downloadRoot,
                    PackagesFolder = packagesFolder,
                    MaxMemoryMegabytes = action.MaxMemory,
                },
                cancellationToken);
            log.Write(polling);
            log.Write(starting);

            // A batched flush of the function's last calls happens now, so its failure (if any) is known below.
            await log.FlushPendingAsync();
        }

        outcome = outcome with { ProcessStartedAt = exit.StartedAt };
        if (exit.TimedOut)
        {
            return await FailAsync(log, outcome, $"Function {action.FunctionName} exceeded MaxRuntime of {action.MaxRuntime} seconds and was stopped", cancellationToken);
        }

        if (action.MaxMemory is { } megabytes && exit.ExitCode is FunctionLaunch.OutOfMemoryExitCode or FunctionLaunch.KilledExitCode)
        {
            return await FailAsync(log, outcome, $"Function {action.FunctionName} exceeded MaxMemory of {megabytes} MB and was stopped", cancellationToken, exit.OutputTail);
        }

        if (exit.ExitCode != 0)
        {
            var cause = session.LogWriteFailure is { } logFailure ? $"; {logFailure}" : string.Empty;
            return await FailAsync(log, outcome, $"non-zero exit code ({exit.ExitCode}) from user function{cause}", cancellationToken, exit.OutputTail);
        }

        if (session.LogWriteFailure is { } batchedLogFailure)
        {
            // FaaSr's call would have failed with it; the function returned before the batched write did.
            return await FailAsync(log, outcome, batchedLogFailure, cancellationToken);
        }

        // FaaSr 2.1 puts .done with faasr_put_file's default store: the DefaultDataStore, not the LoggingDataStore.
        await run.Store(run.Graph.Document.DefaultDataStore).PutAsync(run.Folder.DoneKey(instance), "True"u8.ToArray(), cancellationToken);
        run.MarkCompletionWritten(instance);
        outcome = outcome with { CompletionWrittenAt = run.Clock.GetUtcNow() };
        log.Write(FaaSrLogLevel.DEBUG, Executor, $"Put function_completions/{instance.CompletionName}.done file in S3");

        if (session.ExitReport is { } report)
        {
            var message = string.IsNullOrEmpty(report.Message) ? "Unkown error while getting user function return" : report.Message;
            log.Write(FaaSrLogLevel.ERROR, Executor, message);
            if (!string.IsNullOrEmpty(report.Traceback))
            {
                log.Write(FaaSrLogLevel.ERROR, Executor, $"Traceback: {report.Traceback.TrimEnd()}");
            }

            return await FinishAsync(log, outcome with { State = InstanceState.Failed, Reason = message }, cancellationToken);
        }

        var returned = session.ReturnValue;
        log.Write(FaaSrLogLevel.DEBUG, Entry, $"Finished execution of {action.Name} with result {PythonRepr(returned)}");
        return await ScheduleAsync(log, outcome, returned, cancellationToken);
    }

    /// <summary>
    /// FaaSr 2.1's package install: PyPIPackageDownloads of a Python function into the action's own target (its
    /// /tmp/packages), then each FunctionGitHubPackage (logged "Install GitHub package ..."). FaaSr ignores a failed
    /// install; here the log also says which package could not be installed. Returns the target, or null if none.
    /// </summary>
    private async Task<string?> InstallPackagesAsync(InstanceLog log, CancellationToken cancellationToken)
    {
        var document = run.Graph.Document;
        var python = (action.Type ?? FunctionLanguage.Python) == FunctionLanguage.Python;
        var pypi = python ? document.PyPIPackageDownloads.GetValueOrDefault(action.FunctionName) ?? [] : [];
        var github = python ? document.FunctionGitHubPackage.GetValueOrDefault(action.FunctionName) ?? [] : [];
        if ((pypi.Count == 0 && github.Count == 0) || run.Pip is not { } pip)
        {
            return null;
        }

        var target = Path.Combine(run.RunFolder, "packages", instance.Name);
        Directory.CreateDirectory(target);
        var requirements = pypi.Select(package => (package, Announce: (string?)null))
            .Concat(github.Select(package => (package.Split('/').ElementAtOrDefault(1) ?? package, Announce: (string?)$"Install GitHub package {package}")));
        foreach (var (requirement, announce) in requirements)
        {
            if (announce is not null)
            {
                log.Write(FaaSrLogLevel.INFO, Helper, announce);
            }

            if (await pip.InstallAsync(requirement, target, Path.Combine(run.RunFolder, "home"), cancellationToken) is { } failure)
            {
                log.Write(FaaSrLogLevel.WARNING, Helper, failure);
            }
        }

        return target;
    }

    /// <summary>FaaSr's Scheduler.trigger_all (docs/faasr-semantics.md, "Successors"): one "Successfully invoked" line per dispatched instance.</summary>
    private async Task<InstanceOutcome> ScheduleAsync(InstanceLog log, InstanceOutcome outcome, bool? returned, CancellationToken cancellationToken)
    {
        if (action.InvokeNext.Count == 0)
        {
            log.Write(FaaSrLogLevel.INFO, Scheduler, $"no triggers for {action.Name}");
            return await FinishAsync(log, outcome, cancellationToken);
        }

        if (returned is null && action.InvokeNext.Any(item => item is ConditionalInvoke))
        {
            log.Write(FaaSrLogLevel.ERROR, Scheduler, "InvokeNext contains conditionals but function did not return a value");
            return await FinishAsync(log, outcome with { State = InstanceState.Failed, Reason = "InvokeNext contains conditionals but function did not return a value" }, cancellationToken);
        }

        foreach (var item in action.InvokeNext)
        {
            if (item is ConditionalInvoke conditional && returned is { } value)
            {
                var branch = value ? "True" : "False";
                if (conditional.AbsentBranches.Contains(branch))
                {
                    var crash = CloudCrashRules.MissingBranchCrash(branch);
                    log.Write(FaaSrLogLevel.ERROR, Scheduler, crash);
                    return await FinishAsync(log, outcome with { State = InstanceState.Failed, Reason = crash }, cancellationToken);
                }
            }

            var targets = item switch
            {
                InvokeTarget target => [target],
                ConditionalInvoke chosen => chosen.Branch(returned!.Value),
                _ => Array.Empty<InvokeTarget>(),
            };
            foreach (var target in targets)
            {
                var server = run.Graph.Document.ComputeServers[run.Graph.Action(target.Action).FaaSServer];
                foreach (var successor in run.Graph.InstancesOf(target.Action))
                {
                    dispatch(successor);
                    log.Write(FaaSrLogLevel.DEBUG, Scheduler, $"Prepending workflow name. Full function: {run.Graph.WorkflowName}-{target.Action}");
                    log.Write(FaaSrLogLevel.INFO, Scheduler, FaaSTypes.Of(server).DispatchLine(new DispatchFacts(run.Graph.WorkflowName, target.Action, run.NextJobNumber(), run.Clock.GetUtcNow())));
                }
            }
        }

        return await FinishAsync(log, outcome, cancellationToken);
    }

    private async Task<InstanceOutcome> FailAsync(InstanceLog log, InstanceOutcome outcome, string message, CancellationToken cancellationToken, string? output = null)
    {
        log.Write(FaaSrLogLevel.ERROR, Executor, message);
        var reason = string.IsNullOrWhiteSpace(output) ? message : $"{message}\n{output.TrimEnd()}";
        return await FinishAsync(log, outcome with { State = InstanceState.Failed, Reason = reason }, cancellationToken);
    }

    private async Task<InstanceOutcome> FinishAsync(InstanceLog log, InstanceOutcome outcome, CancellationToken cancellationToken)
    {
        await log.FlushAsync(cancellationToken);
        return outcome with { FinishedAt = run.Clock.GetUtcNow() };
    }

    private static string PythonRepr(bool? value) => value switch
    {
        true => "True",
        false => "False",
        null => "None",
    };
}

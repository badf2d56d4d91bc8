using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Runs a FaaSr workflow on this machine: each function instance is its own process with FaaSr's semantics, and
/// everything lands in S3 under FaaSr's keys and log format (docs/faasr-semantics.md), so a monitor reading S3 cannot tell a local
/// run from a cloud one. One executor can start many runs; the Python interpreter is resolved once.
/// </summary>
public sealed class LocalExecutor(LocalExecutorOptions options)
{
    private readonly FunctionRuntimeRegistry registry = FunctionRuntimeRegistry.Default(options.PythonInterpreter, options.RscriptCommand, options.UsePythonForkServer, options.Clock);

    public LocalExecutorOptions Options { get; } = options;

    /// <summary>
    /// Decides the invocation, refuses one whose log folder already holds objects, and starts the entry action.
    /// Returns as soon as the run has started; the token cancels the whole run.
    /// </summary>
    /// <exception cref="LocalRunSetupException">Bad input: the InvocationID already exists, code cannot be found, a bad InvocationIDFromDate.</exception>
    /// <exception cref="ExecutionEnvironmentException">No usable Python interpreter, loopback port or working folder.</exception>
    public async Task<LocalRun> StartAsync(WorkflowGraph graph, CancellationToken cancellationToken)
    {
        var document = graph.Document;
        if (CloudCrashRules.WorkflowWide(document, $"{document.WorkflowName}.json") is { Count: > 0 } crashes)
        {
            // Every cloud action of this workflow would die before writing anything: the emulated run refuses to start.
            throw new LocalRunSetupException($"Workflow '{document.WorkflowName}' cannot run: {string.Join("; ", crashes.Select(c => $"{c.JsonPath}: {c.Message}"))}");
        }

        var identity = InvocationIdentity.Decide(document, Options.Clock.GetUtcNow());
        var folder = graph.FolderFor(identity.InvocationTimestamp, identity.InvocationId);

        var resolver = new FunctionSourceResolver(Options.FunctionsRoot);
        var languages = graph.Actions.Select(a => a.Type ?? FunctionLanguage.Python).Distinct().ToArray();
        var sources = graph.Actions
            .Where(a => registry.For(a.Type ?? FunctionLanguage.Python).RunsLocally)
            .ToDictionary(a => a.Name, a => resolver.Resolve(document, a), StringComparer.Ordinal);

        var loggingStore = Options.Stores(document.EffectiveLoggingDataStore);
        await foreach (var _ in loggingStore.ListAsync(folder.Prefix, cancellationToken))
        {
            throw new LocalRunSetupException($"InvocationID already exists: {identity.InvocationId}");
        }

        // Processes left by a faasr-it that was killed (SIGKILL gives it no chance to stop them) end now.
        ProcessSweep.KillOrphans();
        var runFolder = Path.Combine(Options.WorkDirectoryRoot ?? Path.GetTempPath(), $"faasr-it-run-{Guid.NewGuid():N}");
        try
        {
            // Functions receive downloaded objects (and secrets) in here: readable by this user only.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(runFolder);
            }
            else
            {
                Directory.CreateDirectory(runFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.CreateDirectory(Path.Combine(runFolder, "home"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ExecutionEnvironmentException($"Cannot create the run's working folder '{runFolder}': {e.Message}", e);
        }

        FunctionRpcServer? rpcServer = null;
        FunctionRuntimes? runtimes = null;
        try
        {
            // A language this machine lacks fails its actions one by one with the reason, as the cloud fails an action
            // whose container lacks it; without Python (FaaSr's own entry) the run cannot start at all.
            runtimes = await FunctionRuntimes.CreateAsync(registry, languages, new FunctionRuntimeSetup(runFolder), cancellationToken);
            rpcServer = FunctionRpcServer.Start();
            var context = new LocalRunContext(graph, identity, Options, sources, runtimes, rpcServer, runFolder)
            {
                Pip = runtimes.PythonInterpreter is { } python ? new PipInstaller(python, Options.Pip, Options.Clock) : null,
            };
            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var coordinator = new RunCoordinator(context, cancellation.Token);
            coordinator.Start();
            return new LocalRun(identity, folder, FinishAsync(coordinator.Completion, runtimes, rpcServer, runFolder), cancellation);
        }
        catch
        {
            await StopAsync(runtimes, rpcServer, runFolder);
            throw;
        }
    }

    private async Task<LocalRunResult> FinishAsync(Task<LocalRunResult> completion, FunctionRuntimes runtimes, FunctionRpcServer rpcServer, string runFolder)
    {
        try
        {
            return await completion;
        }
        finally
        {
            await StopAsync(runtimes, rpcServer, runFolder);
        }
    }

    private async Task StopAsync(FunctionRuntimes? runtimes, FunctionRpcServer? rpcServer, string runFolder)
    {
        if (runtimes is not null)
        {
            await runtimes.DisposeAsync();
        }

        if (rpcServer is not null)
        {
            await rpcServer.DisposeAsync();
        }

        // What escaped the function's process group or session (a daemon, a setsid child) ends with the run too.
        ProcessSweep.KillMarked(ProcessSweep.MarkerFor(runFolder));
        RemoveRunFolder(runFolder);
    }

    private void RemoveRunFolder(string runFolder)
    {
        if (Options.KeepWorkDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(runFolder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file still held open (e.g. by a killed process on Windows) must not fail the run; the folder is temp.
        }
    }
}

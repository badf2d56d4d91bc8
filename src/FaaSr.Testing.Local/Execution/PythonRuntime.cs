using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Runs Python functions, one process per instance: forked from a pre-started interpreter (<see cref="PythonForkServer"/>)
/// or started afresh with -S on the embedded entry script. The embedded FaaSr_py client package is on PYTHONPATH;
/// byte code is cached in the run's folder, never beside the user's code.
/// </summary>
internal sealed class PythonRuntime : IFunctionRuntime, IAsyncDisposable
{
    private const string ResourcePrefix = "FaaSr.Testing.Local.Python/";
    private const string EntryScript = "faasr_local_entry.py";
    private readonly PythonInterpreter interpreter;
    private readonly IReadOnlyDictionary<string, string> pythonVariables;
    private readonly string runtimeFolder;
    private readonly PythonForkServer? forkServer;
    private readonly TimeProvider clock;

    private PythonRuntime(PythonInterpreter interpreter, IReadOnlyDictionary<string, string> pythonVariables, string runtimeFolder, PythonForkServer? forkServer, TimeProvider clock)
    {
        this.interpreter = interpreter;
        this.pythonVariables = pythonVariables;
        this.runtimeFolder = runtimeFolder;
        this.forkServer = forkServer;
        this.clock = clock;
    }

    public FunctionLanguage Language => FunctionLanguage.Python;

    public PythonInterpreter Interpreter => interpreter;

    public string? UnavailableReason => null;

    /// <summary>Writes the embedded Python files under <paramref name="runFolder"/> and, if asked, starts the fork server.</summary>
    public static async Task<PythonRuntime> CreateAsync(PythonInterpreter interpreter, string runFolder, bool useForkServer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var runtimeFolder = Path.Combine(runFolder, "python");
        await EmbeddedFiles.WriteAsync(ResourcePrefix, runtimeFolder, cancellationToken);

        if (!File.Exists(Path.Combine(runtimeFolder, EntryScript)))
        {
            throw new InvalidOperationException($"The embedded Python entry {EntryScript} is missing from {typeof(PythonRuntime).Assembly.GetName().Name}.");
        }

        var pythonVariables = new Dictionary<string, string>
        {
            ["PYTHONPATH"] = runtimeFolder,
            ["PYTHONPYCACHEPREFIX"] = Path.Combine(runFolder, "pycache"),
            ["PYTHONIOENCODING"] = "utf-8",
        };
        PythonForkServer? forkServer = null;
        if (useForkServer && !OperatingSystem.IsWindows())
        {
            var environment = FunctionEnvironment.Essentials();
            foreach (var (name, value) in pythonVariables)
            {
                environment[name] = value;
            }

            forkServer = await PythonForkServer.StartAsync(interpreter, runtimeFolder, ProcessSweep.MarkerFor(runFolder), environment, cancellationToken);
        }

        return new PythonRuntime(interpreter, pythonVariables, runtimeFolder, forkServer, clock);
    }

    public Task<ProcessExit> RunAsync(FunctionLaunch launch, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(launch.Environment);
        foreach (var (name, value) in pythonVariables)
        {
            environment[name] = value;
        }

        // FaaSr's image puts its pip target on PYTHONPATH, so the function's own Python subprocesses see it too.
        if (launch.PackagesFolder is { } packages)
        {
            environment["PYTHONPATH"] = string.Join(Path.PathSeparator, environment["PYTHONPATH"], packages);
        }

        var invocation = new JsonObject
        {
            ["FunctionName"] = launch.FunctionName,
            ["Arguments"] = launch.Arguments.DeepClone(),
            ["DownloadRoot"] = launch.DownloadRoot ?? throw new InvalidOperationException($"No download folder was laid out for {launch.FunctionName}."),
            ["Packages"] = launch.PackagesFolder,
            ["SitePackages"] = new JsonArray(interpreter.SitePackages.Select(f => (JsonNode?)f).ToArray()),
            ["MaxMemoryMB"] = launch.MaxMemoryMegabytes,
        };
        if (forkServer is not null)
        {
            var outputFile = launch.WorkingDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".output.txt";
            return forkServer.RunAsync(launch, invocation, environment, outputFile, clock, cancellationToken);
        }

        var process = new ProcessLaunch(
            interpreter.Executable,
            ["-S", Path.Combine(runtimeFolder, EntryScript)],
            launch.WorkingDirectory,
            environment,
            invocation.ToJsonString())
        {
            TimeLimit = launch.TimeLimit,
        };
        return ChildProcess.RunAsync(process, clock, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (forkServer is not null)
        {
            await forkServer.DisposeAsync();
        }
    }
}

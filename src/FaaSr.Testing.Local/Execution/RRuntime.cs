using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Runs R functions, one Rscript process per instance, with the embedded R entry and FaaSr R client stubs written
/// into the run's folder (docs/r-runtime.md). The process talks to the run's RPC server like a Python function.
/// </summary>
internal sealed class RRuntime : IFunctionRuntime
{
    /// <summary>How the failure of an R action that cannot run here begins.</summary>
    public const string UnavailablePrefix = "R runtime for local execution is not available: ";

    /// <summary>
    /// Runs Rscript ($0 and its arguments) in a session of its own and, once it ends, kills what is left in that
    /// session, as a cloud container ends with its function; otherwise a process the function left running would keep
    /// the output pipes open and the instance would never end. The async child of a shell without job control is no
    /// group leader, so setsid runs Rscript in place and $! is the session's id; fd 3 hands the shell's stdin on
    /// (an async child's own stdin is /dev/null). A terminal's Ctrl-C must not end this shell before the executor
    /// kills its tree, so it ignores SIGINT. Its exit status is Rscript's.
    /// </summary>
    private const string OwnSessionScript =
        "trap '' INT\n" +
        "exec 3<&0\n" +
        "setsid \"$0\" \"$@\" <&3 3<&- &\n" +
        "child=$!\n" +
        "exec 3<&-\n" +
        "wait \"$child\"\n" +
        "status=$?\n" +
        "kill -9 \"-$child\" 2>/dev/null\n" +
        "exit \"$status\"\n";

    private static readonly string[] LibraryVariables = ["R_LIBS", "R_LIBS_USER", "R_LIBS_SITE"];

    private const string ResourcePrefix = "FaaSr.Testing.Local.R/";
    private const string EntryScript = "faasr_local_entry.R";
    private const string ClientStubs = "faasr_client_stubs.R";
    private readonly RInterpreter interpreter;
    private readonly string runtimeFolder;
    private readonly TimeProvider clock;
    private readonly string? sessionShell;

    private RRuntime(RInterpreter interpreter, string runtimeFolder, TimeProvider clock, string? sessionShell)
    {
        this.interpreter = interpreter;
        this.runtimeFolder = runtimeFolder;
        this.clock = clock;
        this.sessionShell = sessionShell;
    }

    public FunctionLanguage Language => FunctionLanguage.R;

    public string? UnavailableReason => null;

    /// <summary>Writes the embedded R files under <paramref name="runFolder"/>.</summary>
    public static async Task<RRuntime> CreateAsync(RInterpreter interpreter, string runFolder, TimeProvider clock, CancellationToken cancellationToken)
    {
        var runtimeFolder = Path.Combine(runFolder, "r");
        await EmbeddedFiles.WriteAsync(ResourcePrefix, runtimeFolder, cancellationToken);
        foreach (var required in new[] { EntryScript, ClientStubs })
        {
            if (!File.Exists(Path.Combine(runtimeFolder, required)))
            {
                throw new InvalidOperationException($"The embedded R file {required} is missing from {typeof(RRuntime).Assembly.GetName().Name}.");
            }
        }

        var sessionShell = OperatingSystem.IsWindows() || ExecutablePath.Find("setsid") is null ? null : ExecutablePath.Find("sh");
        return new RRuntime(interpreter, runtimeFolder, clock, sessionShell);
    }

    public Task<ProcessExit> RunAsync(FunctionLaunch launch, CancellationToken cancellationToken)
    {
        var invocation = new JsonObject
        {
            ["FunctionName"] = launch.FunctionName,
            // JSON text, read by the entry with jsonlite's defaults, as FaaSr hands the arguments to its R entry.
            ["Arguments"] = launch.Arguments.ToJsonString(),
            // FaaSr's R entry sources every *.R under the action's download folder; without one, the code where it is.
            ["Folders"] = launch.DownloadRoot is { } downloadRoot
                ? new JsonArray(downloadRoot)
                : new JsonArray(launch.Source.Folders.Select(f => (JsonNode?)f).ToArray()),
            ["Files"] = launch.DownloadRoot is null ? new JsonArray(launch.Source.Files.Select(f => (JsonNode?)f).ToArray()) : new JsonArray(),
            ["ClientStubs"] = Path.Combine(runtimeFolder, ClientStubs),
        };

        // Where this machine's R packages are installed (as site-packages for Python), so arrow is found where it is.
        var environment = new Dictionary<string, string>(launch.Environment);
        foreach (var name in LibraryVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        // --no-init-file: the user's ~/.Rprofile is not part of a FaaSr container.
        string[] rscript = [interpreter.Executable, "--no-init-file", Path.Combine(runtimeFolder, EntryScript)];
        var process = new ProcessLaunch(
            sessionShell ?? rscript[0],
            sessionShell is null ? rscript[1..] : ["-c", OwnSessionScript, .. rscript],
            launch.WorkingDirectory,
            environment,
            invocation.ToJsonString())
        {
            TimeLimit = launch.TimeLimit,
        };
        return ChildProcess.RunAsync(process, clock, cancellationToken);
    }
}

using System.Reflection;
using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Runs Python functions: one interpreter process per instance, started with -S on the embedded entry script, with
/// the embedded FaaSr_py client package on PYTHONPATH. Byte code is cached in the run's folder, never beside the
/// user's code.
/// </summary>
internal sealed class PythonRuntime : IFunctionRuntime
{
    private const string ResourcePrefix = "FaaSr.Testing.Local.Python/";
    private const string EntryScript = "faasr_local_entry.py";
    private readonly PythonInterpreter interpreter;
    private readonly string runtimeFolder;
    private readonly string bytecodeFolder;
    private readonly TimeProvider clock;

    private PythonRuntime(PythonInterpreter interpreter, string runtimeFolder, string bytecodeFolder, TimeProvider clock)
    {
        this.interpreter = interpreter;
        this.runtimeFolder = runtimeFolder;
        this.bytecodeFolder = bytecodeFolder;
        this.clock = clock;
    }

    public FunctionLanguage Language => FunctionLanguage.Python;

    public string? UnavailableReason => null;

    /// <summary>Writes the embedded Python files under <paramref name="runFolder"/> and returns the runtime.</summary>
    public static async Task<PythonRuntime> CreateAsync(PythonInterpreter interpreter, string runFolder, TimeProvider clock, CancellationToken cancellationToken)
    {
        var runtimeFolder = Path.Combine(runFolder, "python");
        var assembly = typeof(PythonRuntime).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var relative = name[ResourcePrefix.Length..].Replace('\\', '/');
            var target = Path.Combine(runtimeFolder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = assembly.GetManifestResourceStream(name)!;
            await using var file = File.Create(target);
            await source.CopyToAsync(file, cancellationToken);
        }

        if (!File.Exists(Path.Combine(runtimeFolder, EntryScript)))
        {
            throw new InvalidOperationException($"The embedded Python entry {EntryScript} is missing from {assembly.GetName().Name}.");
        }

        return new PythonRuntime(interpreter, runtimeFolder, Path.Combine(runFolder, "pycache"), clock);
    }

    public Task<ProcessExit> RunAsync(FunctionLaunch launch, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(launch.Environment)
        {
            ["PYTHONPATH"] = runtimeFolder,
            ["PYTHONPYCACHEPREFIX"] = bytecodeFolder,
            ["PYTHONIOENCODING"] = "utf-8",
        };
        var invocation = new JsonObject
        {
            ["FunctionName"] = launch.FunctionName,
            ["Arguments"] = launch.Arguments.DeepClone(),
            ["Folders"] = new JsonArray(launch.Source.Folders.Select(f => (JsonNode?)f).ToArray()),
            ["Files"] = new JsonArray(launch.Source.Files.Select(f => (JsonNode?)f).ToArray()),
            ["SitePackages"] = new JsonArray(interpreter.SitePackages.Select(f => (JsonNode?)f).ToArray()),
        };
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
}

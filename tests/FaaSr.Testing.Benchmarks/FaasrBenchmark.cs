using System.Diagnostics;
using System.Text.Json.Nodes;
using FaaSr.Testing.Faasr;
using FaaSr.Testing.Faasr.Running;
using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// `faasr [--ranks N]`: the cost per action of the faasr compute (the user's real FaaSr-Backend, FaaSr-Docker entry
/// and FaaSr-workflow, from FAASR_IT_BACKEND, FAASR_IT_ENTRY, FAASR_IT_WORKFLOW_TOOLS) and of the emulated compute on
/// the same generated workflow, "entry -> work(N) -> join" (default N = 3), each a whole session on its own local
/// s3rver: wall time from launch to the end of monitoring, per instance and per action run (the real backend runs the
/// join once per finished work rank; the losers stop at FaaSr's fan-in check), and for faasr the median wall of one
/// action process. Exits 2 without the three sources.
/// </summary>
internal static class FaasrBenchmark
{
    public const string Name = "faasr";
    public const string Description = "faasr vs emulated compute: entry -> work(3) -> join, wall time per action (needs FAASR_IT_BACKEND/ENTRY/WORKFLOW_TOOLS)";

    private const int DefaultRanks = 3;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var ranks = DefaultRanks;
        if (args.Length != 0 && !(args.Length == 2 && args[0] == "--ranks" && int.TryParse(args[1], out ranks) && ranks >= 1))
        {
            Console.Error.WriteLine($"Usage: {Name} [--ranks N]   (N >= 1, default {DefaultRanks})");
            return 2;
        }

        var settings = SettingSources.FromEnvironment(Path.Combine(Path.GetTempPath(), "faasr-it-bench-no.env"));
        var sources = new FaasrSourceOptions().WithDefaultsFrom(settings);
        if (sources.Backend is null || sources.Entry is null || sources.WorkflowTools is null)
        {
            Console.Error.WriteLine("faasr benchmark skipped: set FAASR_IT_BACKEND, FAASR_IT_ENTRY and FAASR_IT_WORKFLOW_TOOLS.");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("faasr-it-bench-faasr-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "functions", "Bench"));
            await File.WriteAllTextAsync(
                Path.Combine(folder, "functions", "Bench", "bench.py"),
                "def entry():\n    return True\n\ndef work():\n    return True\n\ndef join():\n    return True\n",
                cancellationToken);
            var workflowFile = Path.Combine(folder, "FaasrBench.json");
            await File.WriteAllTextAsync(workflowFile, Workflow(ranks), cancellationToken);
            var graph = WorkflowLoader.Load(workflowFile);

            var emulated = await MeasureAsync(new EmulatedCompute(), graph, folder, settings, cancellationToken);
            var actions = new List<ActionRun>();
            var faasr = new FaasrCompute(new FaasrComputeOptions
            {
                Sources = sources,
                ActionFinished = run =>
                {
                    lock (actions)
                    {
                        actions.Add(run);
                    }
                },
            });
            var setup = await faasr.PrepareAsync(cancellationToken);
            var real = await MeasureAsync(faasr, graph, folder, settings, cancellationToken);

            var instances = graph.Instances.Count;
            var processMedian = actions.Select(a => a.Duration.TotalMilliseconds).Order().ElementAt(actions.Count / 2);
            Console.WriteLine($"workflow entry -> work({ranks}) -> join: {instances} instances; faasr ran {actions.Count} action processes");
            Console.WriteLine($"emulated: {emulated.Wall.TotalSeconds:F2} s in all, {emulated.Wall.TotalMilliseconds / instances:F0} ms per instance ({emulated.Outcome})");
            Console.WriteLine($"faasr:    {real.Wall.TotalSeconds:F2} s in all, {real.Wall.TotalMilliseconds / instances:F0} ms per instance, {real.Wall.TotalMilliseconds / actions.Count:F0} ms per action run; one action process: median {processMedian:F0} ms, min {actions.Min(a => a.Duration.TotalMilliseconds):F0} ms, max {actions.Max(a => a.Duration.TotalMilliseconds):F0} ms ({real.Outcome})");
            foreach (var source in setup.Sources.All)
            {
                Console.WriteLine($"  {source.Describe()}");
            }

            var path = await BenchmarkArtifacts.WriteAsync(Name, new JsonObject
            {
                ["benchmark"] = Name,
                ["measured"] = "whole session (launch to end of monitoring, 1 s polls) of entry -> work(N) -> join on a local s3rver, per compute",
                ["ranks"] = ranks,
                ["instances"] = instances,
                ["emulatedSeconds"] = Math.Round(emulated.Wall.TotalSeconds, 3),
                ["emulatedMsPerInstance"] = Math.Round(emulated.Wall.TotalMilliseconds / instances, 1),
                ["faasrSeconds"] = Math.Round(real.Wall.TotalSeconds, 3),
                ["faasrMsPerInstance"] = Math.Round(real.Wall.TotalMilliseconds / instances, 1),
                ["faasrActionRuns"] = actions.Count,
                ["faasrMsPerActionRun"] = Math.Round(real.Wall.TotalMilliseconds / actions.Count, 1),
                ["faasrActionProcessMedianMs"] = Math.Round(processMedian, 1),
                ["loadAverage"] = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Split(' ')[0] : null,
                ["sources"] = new JsonArray(setup.Sources.All.Select(s => (JsonNode?)JsonValue.Create(s.Describe())).ToArray()),
            }, cancellationToken);
            Console.WriteLine($"written {path}");
            return emulated.Outcome == "succeeded" && real.Outcome == "succeeded" ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(TimeSpan Wall, string Outcome)> MeasureAsync(IWorkflowCompute compute, WorkflowGraph graph, string folder, SettingSources settings, CancellationToken cancellationToken)
    {
        var launcher = new WorkflowLauncher("bench", new LocalS3ServerStorage(), compute, settings);
        var clock = Stopwatch.StartNew();
        await using var session = await launcher.LaunchAsync(new WorkflowLaunch { Graph = graph, FunctionsRoot = Path.Combine(folder, "functions") }, cancellationToken);
        var result = await session.Monitoring.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
        return (clock.Elapsed, result.Succeeded ? "succeeded" : result.Message);
    }

    private static string Workflow(int ranks) => new JsonObject
    {
        ["WorkflowName"] = "FaasrBench",
        ["FunctionInvoke"] = "entry",
        ["DefaultDataStore"] = "S3",
        ["LoggingDataStore"] = "S3",
        ["FaaSrLog"] = "FaaSrLog",
        ["ComputeServers"] = new JsonObject
        {
            ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "faasr-it", ["ActionRepoName"] = "faasr-it", ["Branch"] = "main", ["UseSecretStore"] = true },
        },
        ["DataStores"] = new JsonObject { ["S3"] = new JsonObject { ["Endpoint"] = "https://s3.us-east-1.amazonaws.com", ["Bucket"] = "faasr-bench", ["Region"] = "us-east-1", ["Writable"] = "true" } },
        ["ActionList"] = new JsonObject
        {
            ["entry"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "entry", ["Type"] = "Python", ["InvokeNext"] = new JsonArray($"work({ranks})") },
            ["work"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "work", ["Type"] = "Python", ["InvokeNext"] = new JsonArray("join") },
            ["join"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "join", ["Type"] = "Python", ["InvokeNext"] = new JsonArray() },
        },
        ["ActionContainers"] = new JsonObject
        {
            ["entry"] = "ghcr.io/faasr/github-actions-python:latest",
            ["work"] = "ghcr.io/faasr/github-actions-python:latest",
            ["join"] = "ghcr.io/faasr/github-actions-python:latest",
        },
        ["FunctionGitRepo"] = new JsonObject { ["entry"] = "faasr-it/faasr-it/functions/Bench", ["work"] = "faasr-it/faasr-it/functions/Bench", ["join"] = "faasr-it/faasr-it/functions/Bench" },
    }.ToJsonString();
}

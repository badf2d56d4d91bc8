using System.Diagnostics;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// `executor [--ranks N]`: runs a generated "entry -> work(N) -> join" workflow (default N = 200) with the local
/// executor on a local s3rver and real python3. Reports the total time and the per-instance overhead from the
/// function process's start to its .done object (the executor's own timestamps); the target is a median under
/// <see cref="BudgetMs"/>. Exits 1 when the run fails or the median is over budget.
/// </summary>
internal static class ExecutorBenchmark
{
    public const string Name = "executor";
    public const string Description = "local executor: entry -> work(200) -> join on s3rver, overhead per instance (process start to .done)";

    private const double BudgetMs = 60;
    private const int DefaultRanks = 200;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!TryReadRanks(args, out var ranks))
        {
            Console.Error.WriteLine($"Usage: {Name} [--ranks N]   (N >= 2, default {DefaultRanks})");
            return 2;
        }

        var functions = Directory.CreateTempSubdirectory("faasr-it-bench-functions-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(functions, "bench.py"), "def entry():\n    pass\n\ndef work():\n    pass\n\ndef join():\n    pass\n", cancellationToken);
            await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), cancellationToken);
            const string bucket = "executor-bench";
            await server.CreateBucketsAsync([bucket], cancellationToken);
            var store = server.OpenStore(bucket);
            var graph = WorkflowLoader.Parse(Workflow(ranks, bucket, server.Connection.ServiceUrl!.ToString()), "executor-bench.json");
            var executor = BenchmarkWorkflow.Executor(functions, store);

            var clock = Stopwatch.StartNew();
            LocalRunResult result;
            await using (var run = await executor.StartAsync(graph, cancellationToken))
            {
                result = await run.Completion.WaitAsync(cancellationToken);
            }

            var total = clock.Elapsed;
            var failed = result.Instances.Where(i => i.State != InstanceState.Completed).ToArray();
            foreach (var instance in failed)
            {
                Console.Error.WriteLine($"{instance.Instance.Name}: {instance.State} {instance.Reason}");
            }

            var overheads = result.Instances
                .Where(i => i is { ProcessStartedAt: not null, CompletionWrittenAt: not null })
                .Select(i => (i.CompletionWrittenAt!.Value - i.ProcessStartedAt!.Value).TotalMilliseconds)
                .Order()
                .ToArray();
            var median = Percentile(overheads, 0.5);
            var p90 = Percentile(overheads, 0.9);
            var withinBudget = failed.Length == 0 && median < BudgetMs;
            Console.WriteLine($"{graph.Instances.Count} instances in {total.TotalSeconds:F2} s with {Environment.ProcessorCount} parallel processes");
            Console.WriteLine($"overhead per instance (process start to .done): median {median:F1} ms   p90 {p90:F1} ms   min {overheads[0]:F1} ms   max {overheads[^1]:F1} ms");

            var path = await BenchmarkArtifacts.WriteAsync(Name, new JsonObject
            {
                ["benchmark"] = Name,
                ["measured"] = "LocalExecutor run of entry -> work(N) -> join; overhead = .done written minus function process start",
                ["instances"] = graph.Instances.Count,
                ["ranks"] = ranks,
                ["maxParallelism"] = Environment.ProcessorCount,
                ["totalSeconds"] = Math.Round(total.TotalSeconds, 3),
                ["overheadMedianMs"] = Math.Round(median, 1),
                ["overheadP90Ms"] = Math.Round(p90, 1),
                ["overheadMinMs"] = Math.Round(overheads[0], 1),
                ["overheadMaxMs"] = Math.Round(overheads[^1], 1),
                ["budgetMedianMs"] = BudgetMs,
                ["failedInstances"] = failed.Length,
                ["withinBudget"] = withinBudget,
            }, cancellationToken);
            Console.WriteLine($"written {path}");
            return withinBudget ? 0 : 1;
        }
        finally
        {
            Directory.Delete(functions, recursive: true);
        }
    }

    private static string Workflow(int ranks, string bucket, string endpoint) => BenchmarkWorkflow.Json("ExecutorBench", "entry", bucket, endpoint, new JsonObject
    {
        ["entry"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "entry", ["Type"] = "Python", ["InvokeNext"] = new JsonArray($"work({ranks})") },
        ["work"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "work", ["Type"] = "Python", ["InvokeNext"] = new JsonArray("join") },
        ["join"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "join", ["Type"] = "Python" },
    });

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static bool TryReadRanks(string[] args, out int ranks)
    {
        ranks = DefaultRanks;
        if (args.Length == 0)
        {
            return true;
        }

        return args.Length == 2 && args[0] == "--ranks" && int.TryParse(args[1], out ranks) && ranks >= 2;
    }
}

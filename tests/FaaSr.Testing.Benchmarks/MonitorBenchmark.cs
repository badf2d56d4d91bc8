using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// `monitor [--instances N]`: a generated entry -> work(N) -> join workflow (default N = 200) is played into a local
/// s3rver at a cloud-like pace, twice with the same seed: once watched by our <see cref="WorkflowMonitor"/> (1 s polls),
/// once by the old framework's per-instance poller (<see cref="PerInstanceLogPoller"/>, 3 s). Each reads through its
/// own request-counting store. Reports S3 requests per instance and completion-detection latency (.done visible to
/// status completed). Targets for ours: at most 2 requests per instance plus 1 LIST per cycle, median detection within
/// one poll interval (the maximum is reported: it also holds s3rver's slow LISTs under load and reads that raced a
/// rewrite and were retried next cycle); the benchmark exits 1 when a target is missed.
/// </summary>
internal static class MonitorBenchmark
{
    public const string Name = "monitor";
    public const string Description = "S3 requests and completion-detection latency of the monitor vs the old per-instance poller (entry " +
        "-> work(200) -> join on s3rver)";

    private const int DefaultRanks = 200;
    private const double TargetRequestsPerInstance = 2;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!TryReadRanks(args, out var ranks))
        {
            Console.Error.WriteLine($"Usage: {Name} [--instances N]   (N >= 2 ranks of the middle action, default {DefaultRanks})");
            return 2;
        }

        await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), cancellationToken);
        var store = server.OpenStore("monitor-benchmark");
        await store.EnsureBucketAsync(cancellationToken);
        var graph = WorkflowLoader.Parse(WorkflowJson(store.Bucket, ranks).ToJsonString(), "MonitorBenchmark.json");

        // Each observer watches its own run (same seed, same pace), so neither's requests slow the other's S3 answers.
        var oursStore = new RequestCountingObjectStore(store);
        var oursCompletedAt = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        MonitorResult? observed = null;
        var (player, oursTook) = await PlayAsync(store, graph, async (folder, token) =>
        {
            var monitor = new WorkflowMonitor(graph, folder, oursStore,
                new MonitorOptions { PollInterval = PollInterval, InactivityTimeout = TimeSpan.FromSeconds(60) });
            monitor.StatusChanged += (_, transition) =>
            {
                if (transition.To == FunctionStatus.Completed)
                {
                    oursCompletedAt.TryAdd(transition.Instance, DateTimeOffset.UtcNow);
                }
            };
            observed = await monitor.RunAsync(token);
        }, cancellationToken);
        var result = observed!;

        var baselineStore = new RequestCountingObjectStore(store);
        PerInstanceLogPoller? baseline = null;
        var (baselinePlayer, baselineTook) = await PlayAsync(store, graph, async (folder, token) =>
        {
            baseline = new PerInstanceLogPoller(baselineStore, graph, folder);
            await baseline.RunAsync(TimeSpan.FromMinutes(3), token);
        }, cancellationToken);

        var instances = graph.Instances.Count;
        var oursReport = Report("ours", oursStore, instances, result.Cycles, oursTook, oursCompletedAt, player);
        var baselineReport = Report("baseline", baselineStore, instances, null, baselineTook, baseline!.CompletedAt, baselinePlayer);
        var oursLatency = Latencies(oursCompletedAt, player.DoneWrittenAt);
        var oursGets = oursStore.Requests.Where(r => r.Operation == ObjectStoreOperation.Get).GroupBy(r => r.Key).Select(g => g.Count())
            .DefaultIfEmpty(0).Max();
        var withinTargets = result.Outcome == MonitorOutcome.Succeeded
            && RequestsPerInstance(oursStore, instances) <= TargetRequestsPerInstance
            && oursStore.Count(ObjectStoreOperation.List) <= result.Cycles
            && oursLatency.Count == instances
            && TimingSummary.From(oursLatency).MedianMs <= PollInterval.TotalMilliseconds;

        Console.WriteLine($"Monitor outcome: {result.Outcome} ({result.Message}); most GETs of one log: {oursGets}");
        var path = await BenchmarkArtifacts.WriteAsync(Name, new JsonObject
        {
            ["benchmark"] = Name,
            ["measured"] = "S3 requests per instance over a whole run and completion-detection latency (.done visible -> status completed)",
            ["workflow"] = $"entry -> work({ranks}) -> join, {instances} instances; logs in 2-3 flushes, .done before scheduler lines",
            ["pollIntervalMs"] = PollInterval.TotalMilliseconds,
            ["targets"] = new JsonObject
            {
                ["requestsPerInstance"] = TargetRequestsPerInstance,
                ["listsPerCycle"] = 1,
                ["medianDetectionLatencyMs"] = PollInterval.TotalMilliseconds,
            },
            ["withinTargets"] = withinTargets,
            ["monitorOutcome"] = result.Outcome.ToString(),
            ["mostGetsOfOneLog"] = oursGets,
            ["finishedAt"] = DateTime.UtcNow.ToString("O"),
            ["runtime"] = Environment.Version.ToString(),
            ["processorCount"] = Environment.ProcessorCount,
            ["observers"] = new JsonArray(oursReport, baselineReport),
        }, cancellationToken);
        Console.WriteLine($"Wrote {path}");
        if (!withinTargets)
        {
            Console.Error.WriteLine("The monitor missed a target (see withinTargets).");
        }

        return withinTargets ? 0 : 1;
    }

    /// <summary>
    /// Plays one run into a fresh invocation folder while <paramref name="observe"/> watches it; returns the player and
    /// how long observing took.
    /// </summary>
    private static async Task<(FaaSrObjectPlayer Player, TimeSpan Took)> PlayAsync(
        IObjectStore store,
        WorkflowGraph graph,
        Func<InvocationFolder, CancellationToken, Task> observe,
        CancellationToken cancellationToken)
    {
        var folder = graph.FolderFor(DateTime.UtcNow.ToString(InvocationFolder.TimestampFormat), Guid.NewGuid().ToString());
        var player = new FaaSrObjectPlayer(store, graph, folder, seed: 20251120);
        Console.WriteLine($"Playing {graph.Instances.Count} instances into {folder.Prefix} ...");
        var clock = Stopwatch.StartNew();
        var observing = observe(folder, cancellationToken);
        await player.PlayAsync("entry", "work", "join", cancellationToken);
        await observing;
        return (player, clock.Elapsed);
    }

    private static double RequestsPerInstance(RequestCountingObjectStore store, int instances) =>
        (double)store.Requests.Count(r => r.Operation != ObjectStoreOperation.List) / instances;

    private static List<TimeSpan> Latencies(
        IReadOnlyDictionary<string, DateTimeOffset> detectedAt, IReadOnlyDictionary<string, DateTimeOffset> writtenAt) =>
        detectedAt.Where(d => writtenAt.ContainsKey(d.Key)).Select(d => d.Value - writtenAt[d.Key]).ToList();

    private static JsonObject Report(
        string observer,
        RequestCountingObjectStore store,
        int instances,
        int? cycles,
        TimeSpan took,
        IReadOnlyDictionary<string, DateTimeOffset> completedAt,
        FaaSrObjectPlayer player)
    {
        var lists = store.Count(ObjectStoreOperation.List);
        var gets = store.Count(ObjectStoreOperation.Get);
        var heads = store.Count(ObjectStoreOperation.Head);
        var fromDone = Latencies(completedAt, player.DoneWrittenAt);
        var fromLastWrite = Latencies(completedAt, player.LastWrittenAt);
        var perInstance = RequestsPerInstance(store, instances);
        var report = new JsonObject
        {
            ["observer"] = observer,
            ["requests"] = store.Requests.Count,
            ["lists"] = lists,
            ["gets"] = gets,
            ["heads"] = heads,
            ["requestsPerInstanceExcludingLists"] = Math.Round(perInstance, 3),
            ["requestsPerInstanceIncludingLists"] = Math.Round((double)store.Requests.Count / instances, 3),
            ["cycles"] = cycles,
            ["listsPerCycle"] = cycles is > 0 ? Math.Round((double)lists / cycles.Value, 3) : null,
            ["completedDetected"] = completedAt.Count,
            ["observedSeconds"] = Math.Round(took.TotalSeconds, 2),
            ["latencyFromDone"] = fromDone.Count > 0 ? TimingSummary.From(fromDone).ToJson() : null,
            ["latencyFromDoneP90Ms"] = fromDone.Count > 0 ? Math.Round(Percentile(fromDone, 0.9), 3) : null,
            ["detectedWithinOnePollInterval"] = fromDone.Count(l => l <= PollInterval),
            ["latencyFromLastWrite"] = fromLastWrite.Count > 0 ? TimingSummary.From(fromLastWrite).ToJson() : null,
        };
        Console.WriteLine(
            $"{observer,-9} requests {store.Requests.Count,6} (LIST {lists,4}, GET {gets,5}, HEAD {heads,5})  per instance " +
            $"{perInstance,6:F2} + LISTs" +
            (cycles is { } c ? $" ({c} cycles)" : "") + $"  detected {completedAt.Count}/{instances}  in {took.TotalSeconds:F1} s");
        if (fromDone.Count > 0)
        {
            Console.WriteLine(
                $"{"",-9} latency from .done:      {TimingSummary.From(fromDone)}  p90 {Percentile(fromDone, 0.9):F0} ms, " +
                $"{fromDone.Count(l => l <= PollInterval)} within {PollInterval.TotalSeconds:0.#} s");
            Console.WriteLine($"{"",-9} latency from last write: {TimingSummary.From(fromLastWrite)}");
        }

        return report;
    }

    private static double Percentile(List<TimeSpan> values, double fraction)
    {
        var sorted = values.Select(v => v.TotalMilliseconds).Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }

    private static bool TryReadRanks(string[] args, out int ranks)
    {
        ranks = DefaultRanks;
        if (args.Length == 0)
        {
            return true;
        }

        return args.Length == 2 && args[0] == "--instances" && int.TryParse(args[1], out ranks) && ranks >= 2;
    }

    private static JsonObject WorkflowJson(string bucket, int ranks) => new()
    {
        ["WorkflowName"] = "MonitorBenchmark",
        ["FunctionInvoke"] = "entry",
        ["DefaultDataStore"] = "S3",
        ["FaaSrLog"] = "FaaSrLog",
        ["ComputeServers"] = new JsonObject
        {
            ["GH"] = new JsonObject
            {
                ["FaaSType"] = "GitHubActions",
                ["UserName"] = "bench",
                ["ActionRepoName"] = "repo",
                ["Branch"] = "main",
                ["UseSecretStore"] = true,
            },
        },
        ["DataStores"] = new JsonObject { ["S3"] = new JsonObject { ["Endpoint"] = "http://127.0.0.1:4568", ["Bucket"] = bucket } },
        ["ActionList"] = new JsonObject
        {
            ["entry"] = Action("entry_fn", new JsonArray($"work({ranks})")),
            ["work"] = Action("work_fn", new JsonArray("join")),
            ["join"] = Action("join_fn", []),
        },
    };

    private static JsonObject Action(string functionName, JsonArray invokeNext) => new()
    {
        ["FaaSServer"] = "GH",
        ["FunctionName"] = functionName,
        ["Type"] = "Python",
        ["InvokeNext"] = invokeNext,
    };
}

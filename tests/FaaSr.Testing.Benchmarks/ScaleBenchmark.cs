using System.Diagnostics;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// `scale [--ranks N]`: entry -> work(N) -> join with the local executor, real python3 and s3rver, three ways. The
/// default N = 998 makes 1,000 instances: at work(1000) join never runs, faithfully, since FaaSr 2.1's fan-in check reads
/// one LIST page of 1,000 keys and the last .done files fall beyond it (src/FaaSr.Testing.Local/Execution/FanInGate.cs). (1) The executor alone, in this process, nothing observing. (2) The whole `faasr-it run --local --plain`
/// as a process of its own, start to exit, its peak memory sampled. (3) The executor again, watched at once by our
/// <see cref="WorkflowMonitor"/> and by <see cref="BaselinePerInstancePoller"/>, each through its own request-counting
/// store: GETs per instance and LIST pages, and completion seen (the run record's transitions) after the executor wrote
/// each .done; and by `faasr-it monitor` attached as a process of its own, its peak memory sampled. Targets: run ≤ 1.3×
/// the executor alone; ≤ 1.2 GETs per instance plus LIST pages; p95 detection within 1.1 poll intervals; the monitor
/// process's peak memory under 93 MB. Exits 1 on a miss.
/// </summary>
internal static class ScaleBenchmark
{
    public const string Name = "scale";
    public const string Description = "entry -> work(998) -> join (1,000 instances): faasr-it run vs the executor alone, the monitor's GETs, detection p95 and memory, vs a baseline poller";

    private const int DefaultRanks = 998;
    private const double TargetRatio = 1.3;
    private const double TargetGetsPerInstance = 1.2;
    private const double TargetP95Intervals = 1.1;
    private const double TargetPeakMiB = 93;
    private static readonly TimeSpan PollInterval = new MonitorOptions().PollInterval;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!(args.Length == 0 || (args.Length == 2 && args[0] == "--ranks" && int.TryParse(args[1], out _) && int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) >= 2)))
        {
            Console.Error.WriteLine($"Usage: {Name} [--ranks N]   (N >= 2, default {DefaultRanks})");
            return 2;
        }

        var ranks = args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : DefaultRanks;
        var scratch = Directory.CreateTempSubdirectory("faasr-it-scale-bench-").FullName;
        try
        {
            var functions = Path.Combine(scratch, "functions", "Scale");
            Directory.CreateDirectory(functions);
            await File.WriteAllTextAsync(
                Path.Combine(functions, "scale.py"), "def entry_fn():\n    pass\n\ndef work_fn():\n    pass\n\ndef join_fn():\n    pass\n", cancellationToken);
            Console.WriteLine($"load average {AttachBenchmark.LoadAverage()} on {Environment.ProcessorCount} cores");

            var alone = await ExecutorAloneAsync(scratch, ranks, cancellationToken);
            Console.WriteLine($"executor alone: {alone.TotalSeconds:F2} s (s3rver start to the last instance)");

            var (cliTook, cliExit, peakMiB, cliOutput) = await CliRunAsync(scratch, ranks, cancellationToken);
            Console.WriteLine($"faasr-it run --plain: {cliTook.TotalSeconds:F2} s, exit {cliExit}, peak memory {peakMiB:F1} MiB");
            var ratio = cliTook / alone;
            Console.WriteLine($"ratio run / executor alone: {ratio:F2} (target <= {TargetRatio})   load average {AttachBenchmark.LoadAverage()}");

            var observed = await ObservedAsync(scratch, ranks, cancellationToken);
            Console.WriteLine($"observed run ({observed.Instances} instances, executor {observed.Took.TotalSeconds:F2} s, load average {AttachBenchmark.LoadAverage()}):");
            Console.WriteLine($"  faasr-it monitor attached: exit {observed.MonitorExitCode}, peak memory {observed.MonitorPeakMiB:F1} MiB");
            foreach (var observer in new[] { observed.Ours, observed.Baseline })
            {
                Console.WriteLine($"  {observer.Name,-9} {observer.GetsPerInstance:F2} GETs per instance + {observer.Lists} LISTs in {observer.Cycles} cycles, " +
                    $"{observer.Heads} HEADs; detection median {observer.Detection.MedianMs:F0} ms, p95 {observer.P95Ms:F0} ms, max {observer.Detection.MaxMs:F0} ms ({observer.Seen} seen)");
            }

            var p95Intervals = observed.Ours.P95Ms / PollInterval.TotalMilliseconds;
            var targets = new JsonObject
            {
                ["ratio"] = Within(ratio, TargetRatio),
                ["getsPerInstance"] = Within(observed.Ours.GetsPerInstance, TargetGetsPerInstance),
                ["p95DetectionIntervals"] = Within(p95Intervals, TargetP95Intervals),
                ["monitorPeakMiB"] = Within(observed.MonitorPeakMiB ?? double.NaN, TargetPeakMiB),
            };
            var within = cliExit == 0 && observed.MonitorExitCode == 0 && observed.Ours.Seen == observed.Instances && targets.All(t => (bool)t.Value!["met"]!);
            Console.WriteLine($"targets: {targets.ToJsonString()}");
            if (cliExit != 0)
            {
                Console.Error.WriteLine(cliOutput);
            }

            var path = await BenchmarkArtifacts.WriteAsync(Name, new JsonObject
            {
                ["benchmark"] = Name,
                ["workflow"] = $"entry -> work({ranks}) -> join, {observed.Instances} instances",
                ["pollIntervalMs"] = PollInterval.TotalMilliseconds,
                ["executorAloneSeconds"] = Math.Round(alone.TotalSeconds, 2),
                ["runSeconds"] = Math.Round(cliTook.TotalSeconds, 2),
                ["runExitCode"] = cliExit,
                ["runPeakMiB"] = peakMiB is { } p ? Math.Round(p, 1) : null,
                ["ratio"] = Math.Round(ratio, 2),
                ["monitorPeakMiB"] = observed.MonitorPeakMiB is { } m ? Math.Round(m, 1) : null,
                ["observers"] = new JsonArray(observed.Ours.ToJson(), observed.Baseline.ToJson()),
                ["targets"] = targets,
                ["withinTargets"] = within,
                ["loadAverage"] = AttachBenchmark.LoadAverage(),
                ["processorCount"] = Environment.ProcessorCount,
                ["finishedAt"] = DateTime.UtcNow.ToString("O"),
            }, cancellationToken);
            Console.WriteLine($"Wrote {path}");
            return within ? 0 : 1;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static JsonObject Within(double value, double target) => new() { ["value"] = Math.Round(value, 2), ["target"] = target, ["met"] = value <= target };

    private static string WorkflowFile(string scratch, string bucket, int ranks, string endpoint)
    {
        var path = Path.Combine(scratch, $"Scale-{bucket}.json");
        var json = ScaleWorkflow.Json("Scale", bucket, ranks, endpoint);
        json["LoggingDataStore"] = "S3";
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static LocalExecutor Executor(string scratch, IObjectStore store) => new(new LocalExecutorOptions
    {
        FunctionsRoot = scratch,
        Stores = _ => store,
        FunctionEnvironment = new Dictionary<string, string> { ["S3_AccessKey"] = LocalS3Server.AccessKey, ["S3_SecretKey"] = LocalS3Server.SecretKey },
    });

    /// <summary>s3rver's start and the executor's run, nothing observing: what faasr-it run adds to is this.</summary>
    private static async Task<TimeSpan> ExecutorAloneAsync(string scratch, int ranks, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), cancellationToken);
        var store = server.OpenStore("scale-alone");
        await store.EnsureBucketAsync(cancellationToken);
        var graph = WorkflowLoader.Parse(await File.ReadAllTextAsync(WorkflowFile(scratch, store.Bucket, ranks, server.Connection.ServiceUrl!.ToString()), cancellationToken), "Scale.json");
        await using var run = await Executor(scratch, store).StartAsync(graph, cancellationToken);
        var result = await run.Completion.WaitAsync(cancellationToken);
        var took = clock.Elapsed;
        var failed = result.Instances.Where(i => i.State != InstanceState.Completed).ToArray();
        if (failed.Length > 0)
        {
            throw new InvalidOperationException(
                $"{failed.Length} instance(s) did not complete when the executor ran alone: {string.Join("; ", failed.Take(5).Select(i => $"{i.Instance.Name} {i.State} {i.Reason}"))}");
        }

        return took;
    }

    /// <summary>The real faasr-it run, process start to exit, and its peak resident memory.</summary>
    private static async Task<(TimeSpan Took, int ExitCode, double? PeakMiB, string Output)> CliRunAsync(string scratch, int ranks, CancellationToken cancellationToken)
    {
        var workflow = WorkflowFile(scratch, "scale-run", ranks, "http://127.0.0.1:9");
        var (took, exitCode, peak, text) = await FaasrItProcess.RunAsync(
            ["run", workflow, "--local", "--plain", "--functions", scratch, "--runs", Path.Combine(scratch, "runs"), "--timeout", "900"],
            withS3Keys: false,
            cancellationToken);
        Console.WriteLine($"  faasr-it printed {text.Split('\n').Length} lines; last: {text.TrimEnd().Split('\n')[^1]}");
        return (took, exitCode, peak, text);
    }

    /// <summary>One executor run watched by our monitor and the baseline at once, each through its own counting store.</summary>
    private static async Task<Observed> ObservedAsync(string scratch, int ranks, CancellationToken cancellationToken)
    {
        await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), cancellationToken);
        var store = server.OpenStore("scale-observed");
        await store.EnsureBucketAsync(cancellationToken);
        var workflow = WorkflowFile(scratch, store.Bucket, ranks, server.Connection.ServiceUrl!.ToString());
        var graph = WorkflowLoader.Parse(await File.ReadAllTextAsync(workflow, cancellationToken), "Scale.json");
        var ours = new RequestCountingObjectStore(store);
        var baselineStore = new RequestCountingObjectStore(store);

        var clock = Stopwatch.StartNew();
        await using var run = await Executor(scratch, store).StartAsync(graph, cancellationToken);
        var monitor = new WorkflowMonitor(graph, run.Folder, ours, new MonitorOptions { PollInterval = PollInterval, InactivityTimeout = TimeSpan.FromSeconds(120) });
        var monitoring = monitor.RunAsync(cancellationToken);
        var baseline = new BaselinePerInstancePoller(baselineStore, graph, run.Folder, PollInterval);
        var polling = baseline.RunAsync(run.Completion, cancellationToken);
        var attached = AttachedMonitorAsync(workflow, run.Folder, server.Connection.ServiceUrl!, Path.Combine(scratch, "monitor-runs"), cancellationToken);
        var executed = await run.Completion.WaitAsync(cancellationToken);
        var took = clock.Elapsed;
        var result = await monitoring;
        await polling;
        var (monitorExit, monitorPeak) = await attached;

        var record = RunRecord.From(result, new RunRecordContext { Profile = "local" });
        var written = executed.Instances.Where(i => i.CompletionWrittenAt is not null).ToDictionary(i => i.Instance.Name, i => i.CompletionWrittenAt!.Value, StringComparer.Ordinal);
        var oursSeen = record.Functions
            .Select(f => (f.Name, At: f.Transitions.FirstOrDefault(t => t.To is FunctionStatus.Completed or FunctionStatus.Failed)?.At))
            .Where(f => f.At is not null)
            .ToDictionary(f => f.Name, f => f.At!.Value, StringComparer.Ordinal);
        var instances = graph.Instances.Count;
        return new Observed(
            instances,
            took,
            monitorExit,
            monitorPeak,
            ObserverNumbers.Of("ours", ours, instances, result.Cycles, oursSeen, written),
            ObserverNumbers.Of("baseline", baselineStore, instances, baseline.Cycles, baseline.FinishedAt, written));
    }

    /// <summary>`faasr-it monitor` attached to the run from its start, a process of its own: its exit code and peak resident memory.</summary>
    private static async Task<(int ExitCode, double? PeakMiB)> AttachedMonitorAsync(
        string workflow, InvocationFolder folder, Uri endpoint, string runs, CancellationToken cancellationToken)
    {
        var (_, exitCode, peak, text) = await FaasrItProcess.RunAsync(
            [
                "monitor", workflow, "--invocation-id", folder.InvocationId, "--timestamp", folder.InvocationTimestamp,
                "--s3-endpoint", endpoint.ToString(), "--plain", "--runs", runs, "--timeout", "900",
            ],
            withS3Keys: true,
            cancellationToken);
        if (exitCode != 0)
        {
            Console.Error.WriteLine($"faasr-it monitor exited {exitCode}:\n{text}");
        }

        return (exitCode, peak);
    }

    private sealed record Observed(int Instances, TimeSpan Took, int MonitorExitCode, double? MonitorPeakMiB, ObserverNumbers Ours, ObserverNumbers Baseline);

    private sealed record ObserverNumbers(string Name, double GetsPerInstance, int Lists, int Heads, int Cycles, TimingSummary Detection, double P95Ms, int Seen)
    {
        public static ObserverNumbers Of(
            string name, RequestCountingObjectStore store, int instances, int cycles, IReadOnlyDictionary<string, DateTimeOffset> seenAt, IReadOnlyDictionary<string, DateTimeOffset> writtenAt)
        {
            var latencies = seenAt.Where(s => writtenAt.ContainsKey(s.Key)).Select(s => s.Value - writtenAt[s.Key]).ToList();
            var sorted = latencies.Select(l => l.TotalMilliseconds).Order().ToArray();
            var p95 = sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Length) - 1, 0, sorted.Length - 1)];
            return new ObserverNumbers(
                name,
                (double)store.Count(ObjectStoreOperation.Get) / instances,
                store.Count(ObjectStoreOperation.List),
                store.Count(ObjectStoreOperation.Head),
                cycles,
                TimingSummary.From(latencies.Count == 0 ? [TimeSpan.Zero] : latencies),
                p95,
                latencies.Count);
        }

        public JsonObject ToJson() => new()
        {
            ["observer"] = Name,
            ["getsPerInstance"] = Math.Round(GetsPerInstance, 2),
            ["lists"] = Lists,
            ["heads"] = Heads,
            ["cycles"] = Cycles,
            ["detectionMedianMs"] = Math.Round(Detection.MedianMs),
            ["detectionP95Ms"] = Math.Round(P95Ms),
            ["detectionMaxMs"] = Math.Round(Detection.MaxMs),
            ["seen"] = Seen,
        };
    }
}

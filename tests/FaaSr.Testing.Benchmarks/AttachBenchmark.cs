using System.Diagnostics;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// `attach [--instances N] [--runs R]`: a finished run of entry -> work(N) -> join (default N = 998, so 1,000
/// instances) is written into a local s3rver, then `faasr-it monitor WORKFLOW --invocation-id ID --s3-endpoint URL`
/// is started R times (default 5) as a process of its own and timed from start to exit, .NET start-up included.
/// Target: the median under 1.5 s (the Python framework took 5.9 s on the same objects); exits 1 when missed.
/// </summary>
internal static class AttachBenchmark
{
    public const string Name = "attach";
    public const string Description = "faasr-it monitor on an already finished 1,000-instance run in s3rver: process start to exit";

    private const int DefaultRanks = 998;
    private const int DefaultRuns = 5;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1.5);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!TryRead(args, out var ranks, out var runs))
        {
            Console.Error.WriteLine($"Usage: {Name} [--instances N] [--runs R]   (N >= 2 ranks of the middle action, default {DefaultRanks}; R >= 1, default {DefaultRuns})");
            return 2;
        }

        await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), cancellationToken);
        var store = server.OpenStore("attach-benchmark");
        await store.EnsureBucketAsync(cancellationToken);
        var json = ScaleWorkflow.Json("AttachBenchmark", store.Bucket, ranks);
        var graph = WorkflowLoader.Parse(json.ToJsonString(), "AttachBenchmark.json");
        var folder = graph.FolderFor(DateTime.UtcNow.ToString(InvocationFolder.TimestampFormat), Guid.NewGuid().ToString());
        var writing = Stopwatch.StartNew();
        await FinishedRunWriter.WriteAsync(store, graph, folder, "entry", "work", "join", cancellationToken);
        Console.WriteLine($"Wrote a finished run of {graph.Instances.Count} instances ({graph.Instances.Count * 2} objects) in {writing.Elapsed.TotalSeconds:F1} s.");

        var floor = await S3FloorAsync(store, folder, cancellationToken);
        Console.WriteLine($"S3 floor: one LIST of the folder {floor.List.TotalMilliseconds:F0} ms, every log read (16 at a time) {floor.Reads.TotalMilliseconds:F0} ms");

        var inProcess = await InProcessAsync(graph, folder, server.Connection.ServiceUrl!, cancellationToken);
        Console.WriteLine($"In process (attach + monitor, no start-up): {inProcess.TotalMilliseconds:F0} ms");

        var workflowFile = Path.Combine(Directory.CreateTempSubdirectory("faasr-it-attach-bench-").FullName, "AttachBenchmark.json");
        await File.WriteAllTextAsync(workflowFile, json.ToJsonString(), cancellationToken);
        var durations = new List<TimeSpan>();
        string? failure = null;
        try
        {
            for (var run = 0; run < runs; run++)
            {
                var (took, exitCode, peakMiB, output) = await MonitorOnceAsync(workflowFile, folder, server.Connection.ServiceUrl!, cancellationToken);
                if (exitCode != 0 || !output.Contains($"{graph.Instances.Count} completed", StringComparison.Ordinal))
                {
                    failure = $"faasr-it monitor exited {exitCode}:\n{output}";
                    break;
                }

                durations.Add(took);
                Console.WriteLine($"  run {run + 1}: {took.TotalMilliseconds:F0} ms, peak memory {peakMiB:F1} MiB");
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(workflowFile)!, recursive: true);
        }

        if (failure is not null)
        {
            Console.Error.WriteLine(failure);
            return 1;
        }

        var summary = TimingSummary.From(durations);
        var within = summary.MedianMs < Target.TotalMilliseconds;
        Console.WriteLine($"faasr-it monitor, finished run of {graph.Instances.Count} instances: {summary}  (target median < {Target.TotalMilliseconds:0} ms)");
        var path = await BenchmarkArtifacts.WriteAsync(Name, new JsonObject
        {
            ["benchmark"] = Name,
            ["measured"] = "wall time of the faasr-it monitor process (start-up included) on an already finished run in s3rver",
            ["workflow"] = $"entry -> work({ranks}) -> join, {graph.Instances.Count} instances",
            ["targetMedianMs"] = Target.TotalMilliseconds,
            ["withinTargets"] = within,
            ["timing"] = summary.ToJson(),
            ["inProcessMs"] = Math.Round(inProcess.TotalMilliseconds),
            ["s3FloorListMs"] = Math.Round(floor.List.TotalMilliseconds),
            ["s3FloorReadsMs"] = Math.Round(floor.Reads.TotalMilliseconds),
            ["loadAverage"] = LoadAverage(),
            ["finishedAt"] = DateTime.UtcNow.ToString("O"),
            ["processorCount"] = Environment.ProcessorCount,
        }, cancellationToken);
        Console.WriteLine($"Wrote {path}");
        return within ? 0 : 1;
    }

    private static async Task<(TimeSpan Took, int ExitCode, double? PeakMiB, string Output)> MonitorOnceAsync(
        string workflowFile, InvocationFolder folder, Uri endpoint, CancellationToken cancellationToken)
    {
        return await FaasrItProcess.RunAsync(
            ["monitor", workflowFile, "--invocation-id", folder.InvocationId, "--timestamp", folder.InvocationTimestamp, "--s3-endpoint", endpoint.ToString(), "--plain"],
            withS3Keys: true,
            cancellationToken);
    }

    /// <summary>Attaching and monitoring within this process: the CLI's work without .NET start-up and JIT of a new process.</summary>
    private static async Task<TimeSpan> InProcessAsync(WorkflowGraph graph, InvocationFolder folder, Uri endpoint, CancellationToken cancellationToken)
    {
        var settings = new FaaSr.Testing.Profiles.SettingSources(
            new Dictionary<string, string> { ["S3_AccessKey"] = LocalS3Server.AccessKey, ["S3_SecretKey"] = LocalS3Server.SecretKey },
            null,
            _ => null);
        var clock = Stopwatch.StartNew();
        var attacher = new FaaSr.Testing.Sessions.InvocationAttacher("endpoint", new FaaSr.Testing.Sessions.EndpointStorage(settings, endpoint));
        await using var session = await attacher.AttachAsync(graph, folder.InvocationId, folder.InvocationTimestamp, null, null, cancellationToken);
        var result = await session.Monitoring;
        var took = clock.Elapsed;
        Console.WriteLine($"  in process: {result.Outcome} after {result.Cycles} cycle(s)");
        return took;
    }

    /// <summary>What no observer can beat on this server: one listing of the folder, then every log read once, 16 at a time.</summary>
    private static async Task<(TimeSpan List, TimeSpan Reads)> S3FloorAsync(FaaSr.Testing.Storage.IObjectStore store, InvocationFolder folder, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var logs = new List<string>();
        await foreach (var stored in store.ListAsync(folder.Prefix + "/", cancellationToken))
        {
            if (stored.Key.EndsWith(".txt", StringComparison.Ordinal))
            {
                logs.Add(stored.Key);
            }
        }

        var listed = clock.Elapsed;
        clock.Restart();
        await Parallel.ForEachAsync(logs, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (key, token) => await store.GetAsync(key, token));
        return (listed, clock.Elapsed);
    }

    /// <summary>The 1-minute load average (Linux), to say how busy the machine was.</summary>
    public static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : null;

    private static bool TryRead(string[] args, out int ranks, out int runs)
    {
        ranks = DefaultRanks;
        runs = DefaultRuns;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], out var value))
            {
                return false;
            }

            switch (args[i])
            {
                case "--instances" when value >= 2:
                    ranks = value;
                    break;
                case "--runs" when value >= 1:
                    runs = value;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// `log [--small N] [--large N]`: one function that calls faasr_log N times with 1 KB (default 2,000), then one that
/// calls it N times with 1 MB (default 200), each a whole LocalExecutor run on a local s3rver. Reports the calls per
/// second, how many PUTs of the log object they cost and how many bytes those PUTs carried against the log's own size.
/// Targets: at least <see cref="SmallCallsPerSecondTarget"/> 1 KB calls per second, and the 1 MB run's PUTs carry at
/// most <see cref="BytesPutPerLogByteTarget"/> times the log's size (re-writing the whole log per call, as FaaSr
/// does, carries N/2 times it). Exits 1 when a run fails or a target is missed.
/// </summary>
internal static class LogBenchmark
{
    public const string Name = "log";
    public const string Description = "faasr_log: 2,000 calls of 1 KB and 200 of 1 MB, calls per second and bytes PUT per log byte";

    private const int DefaultSmall = 2000;
    private const int DefaultLarge = 200;
    private const double SmallCallsPerSecondTarget = 200;
    private const double BytesPutPerLogByteTarget = 20;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!TryRead(args, out var small, out var large))
        {
            Console.Error.WriteLine($"Usage: {Name} [--small N] [--large N]   (defaults {DefaultSmall} and {DefaultLarge})");
            return 2;
        }

        var functions = Directory.CreateTempSubdirectory("faasr-it-bench-log-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(functions, "chatty.py"), """
                def chatty(count, size):
                    line = "x" * (size - 1)
                    for i in range(count):
                        faasr_log(line)
                """, cancellationToken);
            await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), cancellationToken);
            const string bucket = "log-bench";
            await server.CreateBucketsAsync([bucket], cancellationToken);
            var results = new JsonArray();
            var ok = true;
            foreach (var (count, size) in new[] { (small, 1024), (large, 1024 * 1024) })
            {
                var measured = await MeasureAsync(server, bucket, functions, count, size, cancellationToken);
                var callsPerSecond = count / measured.Seconds;
                var putPerByte = measured.BytesPut / (double)Math.Max(1, measured.LogBytes);
                var withinTarget = measured.Completed && (size == 1024 ? callsPerSecond >= SmallCallsPerSecondTarget : putPerByte <= BytesPutPerLogByteTarget);
                ok &= withinTarget;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{count} x {size / 1024} KB: {measured.Seconds:F2} s, {callsPerSecond:F0} calls/s, {measured.Puts} PUTs of the log carrying {measured.BytesPut / 1e6:F1} MB for a {measured.LogBytes / 1e6:F1} MB log ({putPerByte:F1} x){(measured.Completed ? "" : ", FAILED")}"));
                results.Add(new JsonObject
                {
                    ["calls"] = count,
                    ["messageBytes"] = size,
                    ["seconds"] = Math.Round(measured.Seconds, 3),
                    ["callsPerSecond"] = Math.Round(callsPerSecond, 1),
                    ["logPuts"] = measured.Puts,
                    ["bytesPut"] = measured.BytesPut,
                    ["logBytes"] = measured.LogBytes,
                    ["bytesPutPerLogByte"] = Math.Round(putPerByte, 2),
                    ["completed"] = measured.Completed,
                    ["withinTarget"] = withinTarget,
                });
            }

            var path = await BenchmarkArtifacts.WriteAsync(Name, new JsonObject
            {
                ["benchmark"] = Name,
                ["measured"] = "LocalExecutor run of one function calling faasr_log N times; seconds from start to the run's end",
                ["smallCallsPerSecondTarget"] = SmallCallsPerSecondTarget,
                ["bytesPutPerLogByteTarget"] = BytesPutPerLogByteTarget,
                ["loadAverage"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null,
                ["runs"] = results,
            }, cancellationToken);
            Console.WriteLine($"written {path}");
            return ok ? 0 : 1;
        }
        finally
        {
            Directory.Delete(functions, recursive: true);
        }
    }

    private static async Task<(double Seconds, int Puts, long BytesPut, long LogBytes, bool Completed)> MeasureAsync(
        LocalS3Server server, string bucket, string functions, int count, int size, CancellationToken cancellationToken)
    {
        var store = new PutMeasuringStore(server.OpenStore(bucket));
        var graph = WorkflowLoader.Parse(Workflow(count, size, bucket, server.Connection.ServiceUrl!.ToString()), "log-bench.json");
        var executor = BenchmarkWorkflow.Executor(functions, store);
        var clock = Stopwatch.StartNew();
        LocalRunResult result;
        string logKey;
        await using (var run = await executor.StartAsync(graph, cancellationToken))
        {
            result = await run.Completion.WaitAsync(cancellationToken);
            logKey = run.Folder.LogKey(graph.Instances.Single());
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var log = await store.GetAsync(logKey, cancellationToken);
        var (puts, bytes) = store.PutsOf(logKey);
        var completed = result.Instances.All(i => i.State == InstanceState.Completed);
        if (!completed)
        {
            Console.Error.WriteLine(string.Join("\n", result.Instances.Select(i => $"{i.Instance.Name}: {i.State} {i.Reason}")));
        }

        return (seconds, puts, bytes, log?.LongLength ?? 0, completed);
    }

    private static string Workflow(int count, int size, string bucket, string endpoint) => BenchmarkWorkflow.Json("LogBench", "chatty", bucket, endpoint, new JsonObject
    {
        ["chatty"] = new JsonObject
        {
            ["FaaSServer"] = "GH", ["FunctionName"] = "chatty", ["Type"] = "Python",
            ["Arguments"] = new JsonObject { ["count"] = count, ["size"] = size },
        },
    });

    private static bool TryRead(string[] args, out int small, out int large)
    {
        small = DefaultSmall;
        large = DefaultLarge;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--small":
                    small = value;
                    break;
                case "--large":
                    large = value;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Counts the PUTs of each key and the bytes they carried.</summary>
    private sealed class PutMeasuringStore(IObjectStore inner) : DelegatingObjectStore(inner)
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, (int Puts, long Bytes)> puts = new(StringComparer.Ordinal);

        public (int Puts, long Bytes) PutsOf(string key)
        {
            lock (gate)
            {
                return puts.GetValueOrDefault(key);
            }
        }

        public override Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                var (count, bytes) = puts.GetValueOrDefault(key);
                puts[key] = (count + 1, bytes + content.Length);
            }

            return base.PutAsync(key, content, cancellationToken);
        }
    }
}

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// Entry point of `dotnet run --project tests/FaaSr.Testing.Benchmarks -c Release -- NAME [options]`.
/// Each benchmark prints its measurements and writes them as JSON under artifacts/bench/.
/// </summary>
internal static class BenchmarkCatalog
{
    private static readonly Dictionary<string, (string Description, Func<string[], CancellationToken, Task<int>> Run)> Benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        [GraphBenchmark.Name] = (GraphBenchmark.Description, GraphBenchmark.RunAsync),
        [ExecutorBenchmark.Name] = (ExecutorBenchmark.Description, ExecutorBenchmark.RunAsync),
        [MonitorBenchmark.Name] = (MonitorBenchmark.Description, MonitorBenchmark.RunAsync),
        [ReportBenchmark.Name] = (ReportBenchmark.Description, ReportBenchmark.RunAsync),
        [AttachBenchmark.Name] = (AttachBenchmark.Description, AttachBenchmark.RunAsync),
        [FaasrBenchmark.Name] = (FaasrBenchmark.Description, FaasrBenchmark.RunAsync),
        [ScaleBenchmark.Name] = (ScaleBenchmark.Description, ScaleBenchmark.RunAsync),
        [LogBenchmark.Name] = (LogBenchmark.Description, LogBenchmark.RunAsync),
    };

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var benchmark))
        {
            Console.Error.WriteLine(args.Length == 0 ? "Name a benchmark." : $"Unknown benchmark '{args[0]}'.");
            foreach (var (name, entry) in Benchmarks)
            {
                Console.Error.WriteLine($"  {name,-20} {entry.Description}");
            }

            return 2;
        }

        return await benchmark.Run(args[1..], cancellationToken);
    }
}

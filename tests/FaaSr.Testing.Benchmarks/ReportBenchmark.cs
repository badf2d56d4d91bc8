using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// `report [--iterations N]`: writes the artifacts of one run of entry -> work(998) -> join (1,000 instances, each
/// with a 40-line log, one rank failed) and a TRX of 200 tests, then times faasr-it report's whole path over them:
/// reading the TRX, record, graph, objects and 1,000 logs, building the page, rendering it and writing the file.
/// The benchmark exits 1 when the median exceeds <see cref="BudgetMs"/>.
/// </summary>
internal static class ReportBenchmark
{
    public const string Name = "report";
    public const string Description = "faasr-it report over a 1,000-instance run (logs, graph, objects) and 200 tests: read + " +
        "build + render + write";

    private const double BudgetMs = 1000;
    private const int DefaultIterations = 10;
    private const int WarmupIterations = 2;
    private const int Ranks = 998;
    private const int Tests = 200;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var iterations = DefaultIterations;
        if (args.Length != 0
            && !(args.Length == 2 && args[0] == "--iterations" && int.TryParse(args[1], out iterations) && iterations >= 1))
        {
            Console.Error.WriteLine($"Usage: {Name} [--iterations N]   (N >= 1, default {DefaultIterations})");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("faasr-it-report-bench-").FullName;
        try
        {
            var options = await WriteInputsAsync(folder, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < WarmupIterations; i++)
            {
                await ReportGenerator.GenerateAsync(options, cancellationToken).ConfigureAwait(false);
            }

            var durations = new List<TimeSpan>(iterations);
            for (var i = 0; i < iterations; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await ReportGenerator.GenerateAsync(options, cancellationToken).ConfigureAwait(false);
                durations.Add(Stopwatch.GetElapsedTime(started));
            }

            var bytes = new FileInfo(options.OutputFile).Length;
            var timing = TimingSummary.From(durations);
            var withinBudget = timing.MedianMs < BudgetMs;
            Console.WriteLine($"report         {Ranks + 2,6} instances {Tests,5} tests   {timing}   {bytes / 1024} KiB of HTML");
            var result = timing.ToJson();
            result["benchmark"] = Name;
            result["measured"] = "ReportGenerator.GenerateAsync: read TRX, run record, graph, objects and every log; build the page; " +
                "render with Scriban; write the file";
            result["instances"] = Ranks + 2;
            result["tests"] = Tests;
            result["htmlBytes"] = bytes;
            result["budgetMs"] = BudgetMs;
            result["withinBudget"] = withinBudget;
            result["finishedAt"] = DateTime.UtcNow.ToString("O");
            result["runtime"] = Environment.Version.ToString();
            result["processorCount"] = Environment.ProcessorCount;
            Console.WriteLine($"Wrote {await BenchmarkArtifacts.WriteAsync(Name, result, cancellationToken).ConfigureAwait(false)}");
            if (!withinBudget)
            {
                Console.Error.WriteLine($"The median exceeded the budget of {BudgetMs} ms.");
            }

            return withinBudget ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ReportOptions> WriteInputsAsync(string folder, CancellationToken cancellationToken)
    {
        var runs = Directory.CreateDirectory(Path.Combine(folder, "runs")).FullName;
        var results = Directory.CreateDirectory(Path.Combine(folder, "test-results")).FullName;
        var start = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        const string id = "00000000-0000-4000-8000-000000000bench";
        var functions = new List<RunRecordFunction> { Function("entry", FunctionStatus.Completed, start, 0, 800) };
        functions.AddRange(Enumerable.Range(1, Ranks).Select(r => Function($"work({r})",
            r == 500 ? FunctionStatus.Failed : FunctionStatus.Completed, start, 800 + (r % 50 * 40), 600 + (r % 17 * 90))));
        functions.Add(Function("join", FunctionStatus.Skipped, null, 0, 0));
        var record = new RunRecord
        {
            WorkflowName = "ReportBenchmark",
            InvocationId = id,
            InvocationFolder = $"FaaSrLog/ReportBenchmark/2026-12-01-12-00-00/{id}",
            Profile = "local",
            StartedAt = start,
            FinishedAt = start.AddSeconds(12),
            Functions = functions,
        };
        var recordPath = Path.Combine(runs, $"ReportBenchmark-{id}.json");
        await RunRecordFile.WriteAsync(record, recordPath, cancellationToken).ConfigureAwait(false);

        var artifacts = RunArtifacts.FolderOf(recordPath);
        Directory.CreateDirectory(RunArtifacts.LogsFolder(artifacts));
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var graph = new RunGraphSnapshot("ReportBenchmark", "entry", [new("entry", 1, ["work"]), new("work", Ranks, ["join"]),
            new("join", 1, [])]);
        await File.WriteAllTextAsync(RunArtifacts.GraphPath(artifacts), JsonSerializer.Serialize(graph, web), cancellationToken)
            .ConfigureAwait(false);
        var objects = functions.Select(f => new RunObject("S3", $"{record.InvocationFolder}/{f.Name}.txt", 2048)).ToList();
        await File.WriteAllTextAsync(RunArtifacts.ObjectsPath(artifacts), JsonSerializer.Serialize(objects, web), cancellationToken)
            .ConfigureAwait(false);
        foreach (var function in functions.Where(f => f.Status != FunctionStatus.Skipped))
        {
            var log = new StringBuilder();
            for (var line = 0; line < 40; line++)
            {
                log.Append('[').Append(line * 0.05).Append("] [INFO] [faasr_server.py] Processing request: faasr_put_file <")
                    .Append(function.Name).AppendLine(">");
            }

            await File.WriteAllTextAsync(RunArtifacts.LogPath(artifacts, function.Name), log.ToString(), cancellationToken)
                .ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(results, "bench.trx"), Trx(start), cancellationToken).ConfigureAwait(false);
        return new ReportOptions
        {
            TestResultsFolder = results,
            RunsFolder = runs,
            OutputFile = Path.Combine(folder, "report", "index.html"),
        };
    }

    private static RunRecordFunction Function(string name, FunctionStatus status, DateTimeOffset? start, int startMs, int runMs) => new()
    {
        Name = name,
        Status = status,
        InvokedAt = start?.AddMilliseconds(startMs),
        StartedAt = start?.AddMilliseconds(startMs + 120),
        FinishedAt = start?.AddMilliseconds(startMs + 120 + runMs),
        LogKey = $"FaaSrLog/ReportBenchmark/{name}.txt",
    };

    private static string Trx(DateTimeOffset start)
    {
        var text = new StringBuilder(
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><TestRun id=\"b\" name=\"bench\" " +
            $"xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Times start=\"{start:O}\" " +
            $"finish=\"{start.AddSeconds(30):O}\"/><Results>");
        for (var i = 0; i < Tests; i++)
        {
            var outcome = i % 25 == 0 ? "Failed" : "Passed";
            text.Append($"<UnitTestResult testId=\"t{i}\" testName=\"Test{i}\" duration=\"00:00:00.{i:000}\" outcome=\"{outcome}\">");
            if (outcome == "Failed")
            {
                text.Append(
                    $"<Output><ErrorInfo><Message>Assert failed for test {i}</Message><StackTrace>at " +
                    $"ReportBenchmarkTests.Test{i}()</StackTrace></ErrorInfo></Output>");
            }

            text.Append("</UnitTestResult>");
        }

        text.Append("</Results><TestDefinitions>");
        for (var i = 0; i < Tests; i++)
        {
            text.Append(
                $"<UnitTest name=\"Test{i}\" id=\"t{i}\"><TestMethod className=\"Bench.ReportBenchmarkTests\" " +
                $"name=\"Test{i}\"/></UnitTest>");
        }

        return text.Append("</TestDefinitions></TestRun>").ToString();
    }
}

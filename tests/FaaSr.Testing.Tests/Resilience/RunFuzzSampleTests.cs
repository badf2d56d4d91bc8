using System.Globalization;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Tests.Workflows;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// A sample of the fuzzed workflows (<see cref="WorkflowMutator"/>, as ValidateFuzzTests makes them) through the real
/// faasr-it run (issue 15 item 8): half of them valid, half not. Each ends as a run (exit 0 or 1) or a clear error
/// (exit 2 or 3 with a message and no stack trace), within 10 s (on an idle machine) and 1 GB for faasr-it and everything it started.
/// </summary>
[TestClass]
public sealed class RunFuzzSampleTests(TestContext testContext)
{
    private const int Seed = 20261202;
    private const int ValidSample = 8;
    private const int InvalidSample = 8;

    /// <summary>faasr-it's own --timeout: a run still going then is stopped and reported (exit 1), inside the 10 s.</summary>
    private const string RunTimeoutSeconds = "4";
    private const long MemoryLimitBytes = 1L << 30;
    private static readonly TimeSpan IdleTimeLimit = TimeSpan.FromSeconds(10);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task FuzzedWorkflowsThroughRunAreEachARunOrAClearErrorWithinTenSecondsAndOneGigabyte()
    {
        var root = Directory.CreateTempSubdirectory("faasr-it-run-fuzz-").FullName;
        try
        {
            var timeLimit = LoadScaled(IdleTimeLimit);
            var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
            var mutator = new WorkflowMutator(Seed);
            var sample = new List<(int Index, string Json, bool Valid)>();
            for (var i = 0; sample.Count < ValidSample + InvalidSample && i < 100_000; i++)
            {
                var mutant = mutator.Next();
                var valid = WorkflowLoader.Check(mutant, $"mutant-{i}.json").IsValid;
                if (sample.Count(s => s.Valid == valid) < (valid ? ValidSample : InvalidSample))
                {
                    sample.Add((i, mutant, valid));
                }
            }

            var problems = new List<string>();
            var slowest = TimeSpan.Zero;
            var largest = 0L;
            var exits = new Dictionary<int, int>();
            foreach (var (index, json, valid) in sample)
            {
                var file = Path.Combine(root, $"mutant-{index}.json");
                await File.WriteAllTextAsync(file, json, Cancellation);
                var result = await FaaSrItProcess.RunAsync(
                    root, temporary, new Dictionary<string, string>(), timeLimit + TimeSpan.FromSeconds(20), Cancellation,
                    "run", file, "--local", "--plain", "--timeout", RunTimeoutSeconds, "--functions", RepositoryFiles.Path("functions"));
                slowest = result.Elapsed > slowest ? result.Elapsed : slowest;
                largest = Math.Max(largest, result.PeakBytes);
                exits[result.ExitCode] = exits.GetValueOrDefault(result.ExitCode) + 1;
                testContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"mutant {index,5} {(valid ? "valid  " : "invalid")} exit {result.ExitCode} {result.Elapsed.TotalSeconds,4:F1} s {result.PeakBytes / (1024 * 1024),4} MB  {FirstLine(result.Error)}"));
                var problem = ProblemWith(result, timeLimit);
                if (problem is not null)
                {
                    problems.Add($"mutant {index} (seed {Seed}, {(valid ? "valid" : "invalid")}): {problem}");
                }
            }

            testContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run fuzz sample: {sample.Count} mutants (seed {Seed}, {ValidSample} valid, {InvalidSample} invalid); exit codes {string.Join(", ", exits.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"))}; slowest {slowest.TotalSeconds:F1} s, largest process tree {largest / (1024 * 1024)} MB"));
            Assert.IsEmpty(problems, string.Join("\n", problems));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0];
        return line.Length <= 160 ? line : line[..160];
    }

    /// <summary>
    /// <paramref name="idle"/> on a machine whose load is at most its core count, stretched by the load average over
    /// the core count beyond that (a shared 2-core machine with other builds running is many times slower).
    /// </summary>
    private TimeSpan LoadScaled(TimeSpan idle)
    {
        var load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        var factor = Math.Max(1, load / Environment.ProcessorCount);
        testContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average {load:F1} on {Environment.ProcessorCount} cores: time limit {idle.TotalSeconds * factor:F1} s"));
        return idle * factor;
    }

    private static string? ProblemWith(FaaSrItResult result, TimeSpan timeLimit)
    {
        var tail = result.Error.Length <= 300 ? result.Error : result.Error[..300];
        return result switch
        {
            { Killed: true } => $"still running after {result.Elapsed.TotalSeconds:F0} s",
            _ when result.Elapsed > timeLimit => $"took {result.Elapsed.TotalSeconds:F1} s",
            _ when result.PeakBytes > MemoryLimitBytes => $"used {result.PeakBytes / (1024 * 1024)} MB",
            { ExitCode: not (ExitCodes.Success or ExitCodes.WorkflowFailed or ExitCodes.BadInput or ExitCodes.EnvironmentProblem) } => $"exit {result.ExitCode}: {tail}",
            { ExitCode: not ExitCodes.Success } when result.Error.Trim().Length == 0 => $"exit {result.ExitCode} without a message",
            _ when result.Error.Contains("   at ", StringComparison.Ordinal) || result.Error.Contains("Unhandled exception", StringComparison.Ordinal) => $"a stack trace: {tail}",
            _ => null,
        };
    }
}

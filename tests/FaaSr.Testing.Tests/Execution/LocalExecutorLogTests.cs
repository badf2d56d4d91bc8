using System.Diagnostics;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// faasr_log calls are written in batches (a burst in one PUT, red-team finding F15), yet the log object stays FaaSr's:
/// the whole log, every line once and in the order it was logged, and a line logged before a pause reaches S3 while
/// the function still runs.
/// </summary>
[TestClass]
public sealed class LocalExecutorLogTests(TestContext testContext)
{
    private const int Lines = 2000;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task EveryLineOfABurstOfFaaSrLogCallsIsInTheLogObjectOnceAndInOrder()
    {
        await using var harness = await ExecutorHarness.CreateAsync("log-burst", Cancellation);
        harness.AddFile("f.py", $$"""
            def burst():
                for i in range({{Lines}}):
                    faasr_log(f"line {i} " + "x" * (i % 50))
                return True
            """);
        var graph = harness.Workflow("""
            "burst": { "FaaSServer": "GH", "FunctionName": "burst", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["burst"].State, result["burst"].Reason);
        var lines = (await harness.LogAsync(run, "burst", Cancellation)).Split('\n');
        var logged = lines.Where(l => l.StartsWith("line ", StringComparison.Ordinal)).ToArray();
        var expected = Enumerable.Range(0, Lines).Select(i => $"line {i} " + new string('x', i % 50)).ToArray();
        CollectionAssert.AreEqual(expected, logged, "Every faasr_log line once, in the order of the calls.");
        var lastLine = Array.FindLastIndex(lines, l => l.StartsWith("line ", StringComparison.Ordinal));
        var done = Array.FindIndex(lines, l => l.Contains("[INFO] [scheduler.py] no triggers for burst", StringComparison.Ordinal));
        Assert.IsGreaterThan(lastLine, done, "The executor's closing records come after the function's lines.");
    }

    [TestMethod]
    public async Task TheLastLinesOfABurstReachS3WhileTheFunctionStillRuns()
    {
        await using var harness = await ExecutorHarness.CreateAsync("log-pause", Cancellation);
        harness.AddFile("f.py", """
            import time

            def pause():
                for i in range(200):
                    faasr_log(f"line {i}")
                faasr_log("last before the pause")
                time.sleep(20)
            """);
        var graph = harness.Workflow("""
            "pause": { "FaaSServer": "GH", "FunctionName": "pause", "Type": "Python" }
            """);

        var run = await new LocalExecutor(harness.Options()).StartAsync(graph, Cancellation);
        await using (run)
        {
            var clock = Stopwatch.StartNew();
            var seen = await ProcessProbe.EventuallyAsync(() => LogHolds(harness, run, "\nlast before the pause\n"), TimeSpan.FromSeconds(15), Cancellation);
            Assert.IsTrue(seen, "The line logged before the pause never reached S3 while the function ran.");
            Assert.IsFalse(run.Completion.IsCompleted, $"The function was still running when its last line was seen ({clock.Elapsed.TotalSeconds:F1} s).");
        }
    }

    [TestMethod]
    [DataRow(true, DisplayName = "forked from the fork server")]
    [DataRow(false, DisplayName = "fresh interpreter")]
    public async Task AHugeLineAFunctionPrintedIsCutInTheFailureReason(bool forkServer)
    {
        await using var harness = await ExecutorHarness.CreateAsync("big-print", Cancellation);
        harness.AddFile("f.py", """
            import sys

            def big():
                print("B" * (20 * 1024 * 1024) + " end of the big line")
                print("the last line")
                sys.exit(3)
            """);
        var graph = harness.Workflow("""
            "big": { "FaaSServer": "GH", "FunctionName": "big", "Type": "Python" }
            """);

        var (_, result) = await harness.RunAsync(graph, Cancellation, o => o with { UsePythonForkServer = forkServer });

        Assert.AreEqual(InstanceState.Failed, result["big"].State);
        var reason = result["big"].Reason!;
        StringAssert.StartsWith(reason, "non-zero exit code (3) from user function");
        StringAssert.Contains(reason, "the last line");
        StringAssert.Contains(reason, " end of the big line", "The end of the cut line is kept.");
        Assert.IsLessThan(20_000, reason.Length, $"The reason holds {reason.Length} characters of a 20 MB line.");
    }

    private bool LogHolds(ExecutorHarness harness, LocalRun run, string text)
    {
        try
        {
            return harness.LogAsync(run, "pause", Cancellation).GetAwaiter().GetResult().Contains(text, StringComparison.Ordinal);
        }
        catch (ObjectStoreException)
        {
            // Not written yet, or read while being written.
            return false;
        }
    }
}

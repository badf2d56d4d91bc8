using System.Text.RegularExpressions;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed partial class LocalExecutorCancellationTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow(false, true, DisplayName = "dispose, fork server")]
    [DataRow(true, true, DisplayName = "token, fork server")]
    [DataRow(false, false, DisplayName = "dispose, fresh interpreter")]
    public async Task CancellingARunKillsEveryFunctionProcessTree(bool byToken, bool forkServer)
    {
        await using var harness = await ExecutorHarness.CreateAsync("cancel", Cancellation);
        harness.AddFile("f.py", """
            import os
            import subprocess
            import time

            def first():
                child = subprocess.Popen(["sleep", "120"])
                faasr_log(f"pids {os.getpid()} {child.pid}")
                time.sleep(120)
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python" }
            """);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var run = await new LocalExecutor(harness.Options(o => o with { UsePythonForkServer = forkServer })).StartAsync(graph, cancellation.Token);
        int[] pids;
        await using (run)
        {
            pids = await WaitForPidsAsync(harness, run);
            Assert.IsTrue(pids.All(ProcessProbe.IsAlive), "Both processes run before the cancellation.");

            if (byToken)
            {
                await cancellation.CancelAsync();
                await Assert.ThrowsAsync<OperationCanceledException>(() => run.Completion.WaitAsync(TimeSpan.FromSeconds(30), Cancellation));
            }
        }

        Assert.IsTrue(run.Completion.IsCanceled);
        foreach (var pid in pids)
        {
            Assert.IsFalse(ProcessProbe.IsAlive(pid), $"Process {pid} outlived the run.");
        }
    }

    private async Task<int[]> WaitForPidsAsync(ExecutorHarness harness, LocalRun run)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            string log;
            try
            {
                log = await harness.LogAsync(run, "first", Cancellation);
            }
            catch (ObjectStoreException)
            {
                // s3rver may serve a GET that overlaps the executor's PUT of the same log torn; read it again.
                log = string.Empty;
            }

            var match = Pids().Match(log);
            if (match.Success)
            {
                return [int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)];
            }

            await Task.Delay(50, Cancellation);
        }

        Assert.Fail("The function never logged its process ids.");
        return [];
    }

    [GeneratedRegex(@"\npids (\d+) (\d+)\n")]
    private static partial Regex Pids();
}

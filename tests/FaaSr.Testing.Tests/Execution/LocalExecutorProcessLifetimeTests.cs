using System.Globalization;
using System.Text.RegularExpressions;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// An instance's processes live no longer than the instance, as in a cloud container that ends with its function:
/// whatever the function started is gone when it returns, fails or is stopped for running too long.
/// </summary>
[TestClass]
public sealed partial class LocalExecutorProcessLifetimeTests(TestContext testContext)
{
    private static readonly TimeSpan GoneDeadline = TimeSpan.FromSeconds(10);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow(true, DisplayName = "forked from the fork server")]
    [DataRow(false, DisplayName = "fresh interpreter")]
    public async Task AProcessAFunctionLeavesRunningEndsWithItsInstance(bool forkServer)
    {
        await using var harness = await ExecutorHarness.CreateAsync("leftover", Cancellation);
        harness.AddFile("f.py", """
            import subprocess

            def first():
                child = subprocess.Popen(["sleep", "120"])
                faasr_log(f"pids {child.pid} {child.pid}")
                return True

            def second():
                pass
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python" }
            """);

        var run = await new LocalExecutor(harness.Options(o => o with { UsePythonForkServer = forkServer })).StartAsync(graph, Cancellation);
        await using (run)
        {
            var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Cancellation);
            Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
            Assert.AreEqual(InstanceState.Completed, result["second"].State, result["second"].Reason);

            var child = Pids(await harness.LogAsync(run, "first", Cancellation))[0];
            Assert.IsTrue(
                await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(child), GoneDeadline, Cancellation),
                $"The 'sleep' {child} that first() left running outlived its instance (and the run's completion).");
        }
    }

    [TestMethod]
    public async Task ProcessesInAnotherProcessGroupOrSessionEndWithTheRun()
    {
        await using var harness = await ExecutorHarness.CreateAsync("escaped", Cancellation);
        harness.AddFile("f.py", """
            import os
            import subprocess
            from FaaSr_py.client.py_client_stubs import faasr_log

            def only():
                group = subprocess.Popen(["sleep", "122"], preexec_fn=os.setpgrp)
                session = subprocess.Popen(["sleep", "121"], start_new_session=True)
                faasr_log(f"pids {group.pid} {session.pid}")
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        foreach (var pid in Pids(await harness.LogAsync(run, "only", Cancellation)))
        {
            Assert.IsTrue(
                await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(pid), GoneDeadline, Cancellation),
                $"The 'sleep' {pid} that left the function's process group outlived the run.");
        }
    }

    [TestMethod]
    [DataRow(true, DisplayName = "forked from the fork server")]
    [DataRow(false, DisplayName = "fresh interpreter")]
    public async Task ExceedingMaxRuntimeKillsTheFunctionsWholeProcessTree(bool forkServer)
    {
        await using var harness = await ExecutorHarness.CreateAsync("max-runtime-tree", Cancellation);
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
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "MaxRuntime": 2 }
            """);

        var run = await new LocalExecutor(harness.Options(o => o with { UsePythonForkServer = forkServer })).StartAsync(graph, Cancellation);
        await using (run)
        {
            var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Cancellation);
            Assert.AreEqual(InstanceState.Failed, result["first"].State);

            // Checked before the run is disposed: the time limit itself must stop them.
            foreach (var pid in Pids(await harness.LogAsync(run, "first", Cancellation)))
            {
                Assert.IsTrue(
                    await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(pid), GoneDeadline, Cancellation),
                    $"Process {pid} outlived the function's MaxRuntime.");
            }
        }
    }

    [TestMethod]
    [DataRow(true, DisplayName = "the fork server")]
    [DataRow(false, DisplayName = "the fresh interpreter's supervisor")]
    public async Task ACtrlCReachingThePythonLauncherLeavesTheRunningFunctionToTheExecutor(bool forkServer)
    {
        // A terminal's Ctrl-C reaches every process of the foreground group, the launcher too (not the function,
        // which runs in a session of its own). The launcher must not die of it and orphan the function.
        await using var harness = await ExecutorHarness.CreateAsync("launcher-sigint", Cancellation);
        harness.AddFile("f.py", """
            import os
            import time

            def first():
                faasr_log(f"pids {os.getppid()} {os.getpid()}")
                time.sleep(1.5)
                return True
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python" }
            """);

        var run = await new LocalExecutor(harness.Options(o => o with { UsePythonForkServer = forkServer })).StartAsync(graph, Cancellation);
        await using (run)
        {
            var launcher = (await WaitForPidsAsync(harness, run))[0];
            using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", launcher.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Cancellation);
            }

            var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Cancellation);
            Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
        }
    }

    [TestMethod]
    public async Task AFunctionWhoseForkServerDiesIsStoppedAndFails()
    {
        await using var harness = await ExecutorHarness.CreateAsync("fork-server-dies", Cancellation);
        harness.AddFile("f.py", """
            import os
            import subprocess
            import time

            def first():
                child = subprocess.Popen(["sleep", "120"])
                faasr_log(f"pids {os.getppid()} {os.getpid()} {child.pid}")
                time.sleep(120)
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python" }
            """);

        var run = await new LocalExecutor(harness.Options(o => o with { UsePythonForkServer = true })).StartAsync(graph, Cancellation);
        await using (run)
        {
            var pids = await WaitForPidsAsync(harness, run);
            using (var forkServer = System.Diagnostics.Process.GetProcessById(pids[0]))
            {
                forkServer.Kill();
            }

            var result = await run.Completion.WaitAsync(TimeSpan.FromSeconds(60), Cancellation);
            Assert.AreEqual(InstanceState.Failed, result["first"].State);
            StringAssert.Contains(result["first"].Reason, "fork server ended");
            foreach (var pid in pids.Skip(1))
            {
                Assert.IsTrue(
                    await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(pid), GoneDeadline, Cancellation),
                    $"Process {pid} of the function outlived its fork server.");
            }
        }
    }

    private async Task<int[]> WaitForPidsAsync(ExecutorHarness harness, LocalRun run)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                var log = await harness.LogAsync(run, "first", Cancellation);
                if (PidsLine().IsMatch(log))
                {
                    return Pids(log);
                }
            }
            catch (ObjectStoreException)
            {
                // s3rver may serve a GET that overlaps the executor's PUT of the same log torn; read it again.
            }

            await Task.Delay(50, Cancellation);
        }

        Assert.Fail("The function never logged its process ids.");
        return [];
    }

    private static int[] Pids(string log)
    {
        var match = PidsLine().Match(log);
        Assert.IsTrue(match.Success, "The function logged its process ids:\n" + log);
        return match.Groups[1].Value.Split(' ').Select(pid => int.Parse(pid, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>"pids A B ..." as the functions log their process ids.</summary>
    [GeneratedRegex(@"\npids (\d+(?: \d+)*)\n")]
    private static partial Regex PidsLine();
}

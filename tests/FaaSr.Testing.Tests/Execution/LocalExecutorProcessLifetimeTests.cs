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

    [TestMethod]
    public async Task ARunEndsWhatAFaaSrItThatIsGoneLeftInItsCgroup()
    {
        // What a fork server killed before its clean-up leaves: a process in a run cgroup whose faasr-it is gone. A
        // forked process carries no marker in /proc/PID/environ, so only the cgroup still knows it.
        if (OwnCgroupFolder() is not { } own)
        {
            Assert.Inconclusive("No writable cgroup v2 hierarchy here: runs use no cgroups, and leave none.");
            return;
        }

        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync(Cancellation);
        var abandoned = Path.Combine(own, $"faasr-it-{gone.Id}-faasr-it-run-abandoned{Guid.NewGuid():N}");
        var instance = Path.Combine(abandoned, "i1");
        try
        {
            Directory.CreateDirectory(instance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Assert.Inconclusive($"Cannot make a cgroup in {own}: {e.Message}");
            return;
        }

        using var leftover = System.Diagnostics.Process.Start("sleep", "300")!;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(instance, "cgroup.procs"), leftover.Id.ToString(CultureInfo.InvariantCulture), Cancellation);
            await using var harness = await ExecutorHarness.CreateAsync("abandoned-cgroup", Cancellation);
            harness.AddFile("f.py", "def only():\n    pass\n");
            var graph = harness.Workflow("""
                "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
                """);

            var (_, result) = await harness.RunAsync(graph, Cancellation, o => o with { UsePythonForkServer = true });

            Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
            Assert.IsTrue(
                await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(leftover.Id), GoneDeadline, Cancellation),
                $"The 'sleep' {leftover.Id} in the abandoned cgroup {abandoned} outlived the next run's start.");
            Assert.IsFalse(Directory.Exists(abandoned), "The abandoned cgroup is removed.");
        }
        finally
        {
            if (!leftover.HasExited)
            {
                leftover.Kill();
                await leftover.WaitForExitAsync(CancellationToken.None);
            }

            if (Directory.Exists(instance))
            {
                Directory.Delete(instance);
            }

            if (Directory.Exists(abandoned))
            {
                Directory.Delete(abandoned);
            }
        }
    }

    /// <summary>This process's cgroup folder in a mounted cgroup v2 hierarchy, as faasr_local_containment.py finds it; null if none.</summary>
    private static string? OwnCgroupFolder()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var own = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
        foreach (var fields in File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')))
        {
            var separator = Array.IndexOf(fields, "-");
            if (own is null || separator < 0 || fields[separator + 1] != "cgroup2")
            {
                continue;
            }

            var root = fields[3].TrimEnd('/');
            if (own == fields[3] || own.StartsWith(root + "/", StringComparison.Ordinal))
            {
                return Path.Combine(fields[4], own[root.Length..].TrimStart('/'));
            }
        }

        return null;
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

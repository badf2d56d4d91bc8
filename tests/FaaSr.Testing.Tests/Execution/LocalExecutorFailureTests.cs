using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class LocalExecutorFailureTests(TestContext testContext)
{
    private const string Chain = """
        "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
        "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python" }
        """;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task AUserExceptionLogsTheChainedTracebackWritesDoneAndStopsTheSuccessors()
    {
        await using var harness = await ExecutorHarness.CreateAsync("user-exception", Cancellation);
        harness.AddFile("f.py", """
            def first():
                try:
                    raise Exception("inside_exception")
                except Exception as e:
                    raise Exception("outside_exception") from e

            def second():
                pass
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(Chain), Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        Assert.AreEqual("outside_exception", result["first"].Reason);
        Assert.AreEqual(InstanceState.NotRun, result["second"].State);
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first"], ["first"]).ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        var log = await harness.LogAsync(run, "first", Cancellation);
        StringAssert.Contains(log, "] [ERROR] [executor.py] outside_exception\n");
        StringAssert.Contains(log, "] [ERROR] [executor.py] Traceback: Traceback (most recent call last):");
        StringAssert.Contains(log, "Exception: inside_exception");
        StringAssert.Contains(log, "Exception: outside_exception");
        Assert.DoesNotContain("Successfully invoked", log);
    }

    [TestMethod]
    public async Task AnImportErrorSkipsTheFileAndItsWarningStaysOutOfS3LikeFaaSr()
    {
        await using var harness = await ExecutorHarness.CreateAsync("import-error", Cancellation);
        harness.AddFile("01_more_imports.py", """
            import numpy_that_is_not_installed

            def unused():
                pass
            """);
        harness.AddFile("02_less_imports.py", """
            def first():
                faasr_log("less imports ran")

            def second():
                pass
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(Chain), Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
        Assert.AreEqual(InstanceState.Completed, result["second"].State, result["second"].Reason);
        var log = await harness.LogAsync(run, "first", Cancellation);
        StringAssert.Contains(log, "\nless imports ran\n");
        Assert.DoesNotContain("Skipping", log, "FaaSr 2.1's function process uploads its own records (the WARNING) only when it logs an ERROR.");
    }

    [TestMethod]
    public async Task ASourceErrorWhileImportingFailsWithoutDone()
    {
        await using var harness = await ExecutorHarness.CreateAsync("source-error", Cancellation);
        harness.AddFile("01_broken.py", """
            value = 1 / 0

            def first():
                pass
            """);
        harness.AddFile("02_fine.py", """
            def second():
                pass
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(Chain), Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        Assert.AreEqual(InstanceState.NotRun, result["second"].State);
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first"], []).ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        var log = await harness.LogAsync(run, "first", Cancellation);
        StringAssert.Contains(log, "] [ERROR] [py_func_helper.py] Python file 01_broken.py has following source error: division by zero");
        StringAssert.Contains(log, "] [INFO] [py_func_helper.py] Source python file 01_broken.py\n", "The ERROR uploads the function process's earlier records too.");
        StringAssert.Contains(log, "] [ERROR] [executor.py] non-zero exit code (1) from user function");
    }

    [TestMethod]
    public async Task AFunctionFoundInNoFileIsAnErrorNamingIt()
    {
        await using var harness = await ExecutorHarness.CreateAsync("not-found", Cancellation);
        harness.AddFile("f.py", """
            def second():
                pass
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(Chain), Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        Assert.AreEqual(InstanceState.NotRun, result["second"].State);
        StringAssert.Contains(await harness.LogAsync(run, "first", Cancellation), "] [ERROR] [executor.py] {py_user_func_entry.py: cannot find function first}\n");
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first"], ["first"]).ToList(), (await harness.KeysAsync(Cancellation)).ToList(),
            "As in FaaSr, the entry reports the missing function through faasr_exit, so the process exits 0 and .done is written.");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "forked from the fork server")]
    [DataRow(false, DisplayName = "fresh interpreter")]
    public async Task ANonZeroExitFailsWithoutDone(bool forkServer)
    {
        await using var harness = await ExecutorHarness.CreateAsync("exit-code", Cancellation);
        harness.AddFile("f.py", """
            import sys

            def first():
                print("about to leave")
                sys.exit(3)

            def second():
                pass
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(Chain), Cancellation, o => o with { UsePythonForkServer = forkServer });

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        StringAssert.Contains(result["first"].Reason, "about to leave", "The reason carries the process output.");
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first"], []).ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        StringAssert.Contains(await harness.LogAsync(run, "first", Cancellation), "] [ERROR] [executor.py] non-zero exit code (3) from user function");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "forked from the fork server")]
    [DataRow(false, DisplayName = "fresh interpreter")]
    public async Task ExceedingMaxRuntimeKillsTheFunctionAndFailsWithoutDone(bool forkServer)
    {
        await using var harness = await ExecutorHarness.CreateAsync("max-runtime", Cancellation);
        harness.AddFile("f.py", """
            import time

            def first():
                time.sleep(60)

            def second():
                pass
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "MaxRuntime": 1, "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python" }
            """);

        var started = DateTimeOffset.UtcNow;
        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { UsePythonForkServer = forkServer });

        Assert.IsLessThan(TimeSpan.FromSeconds(30), DateTimeOffset.UtcNow - started);
        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        Assert.AreEqual(InstanceState.NotRun, result["second"].State);
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first"], []).ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        StringAssert.Contains(await harness.LogAsync(run, "first", Cancellation), "] [ERROR] [executor.py] Function first exceeded MaxRuntime of 1 seconds and was stopped");
    }

    [TestMethod]
    [DataRow("Julia", "Julia runtime for local execution is not available")]
    public async Task ALanguageThisMachineCannotRunFailsWithAnError(string language, string message)
    {
        await using var harness = await ExecutorHarness.CreateAsync("language-" + language, Cancellation);
        harness.AddFile("f.py", """
            def first():
                pass
            """);
        var graph = harness.Workflow($$"""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["other"] },
            "other": { "FaaSServer": "GH", "FunctionName": "other", "Type": "{{language}}" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["other"].State);
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first", "other"], ["first"]).ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        StringAssert.Contains(await harness.LogAsync(run, "other", Cancellation), "] [ERROR] [executor.py] " + message);
    }

    [TestMethod]
    public async Task AFailedPutExitsTheFunctionWithAnErrorLikeFaaSr()
    {
        await using var harness = await ExecutorHarness.CreateAsync("put-missing", Cancellation);
        harness.AddFile("f.py", """
            def first():
                faasr_put_file(local_file="nothing-here.txt", remote_file="x.txt")

            def second():
                pass
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(Chain), Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first"], []).ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        var log = await harness.LogAsync(run, "first", Cancellation);
        StringAssert.Contains(log, "] [ERROR] [faasr_server.py] ERROR - failed to invoke faasr_put_file - local file ");
        StringAssert.Contains(log, "] [ERROR] [executor.py] non-zero exit code (1) from user function");
    }

    [TestMethod]
    public async Task AnS3FaultInTheFanInGateFailsThatInstanceWithTheCauseInItsLog()
    {
        await using var harness = await ExecutorHarness.CreateAsync("gate-fault", Cancellation);
        harness.AddFile("f.py", """
            def step():
                pass
            """);
        var graph = harness.Workflow("""
            "a": { "FaaSServer": "GH", "FunctionName": "step", "Type": "Python", "InvokeNext": ["b", "c"] },
            "b": { "FaaSServer": "GH", "FunctionName": "step", "Type": "Python", "InvokeNext": ["d"] },
            "c": { "FaaSServer": "GH", "FunctionName": "step", "Type": "Python", "InvokeNext": ["d"] },
            "d": { "FaaSServer": "GH", "FunctionName": "step", "Type": "Python" }
            """);
        var failing = new FailingObjectStore(harness.Store, (operation, key) => operation == "GetObject" && key.EndsWith("/d.candidate", StringComparison.Ordinal));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { Stores = _ => failing });

        Assert.AreEqual(InstanceState.Failed, result["d"].State, result["d"].Reason);
        var log = await harness.LogAsync(run, "d", Cancellation);
        StringAssert.Contains(log, "[ERROR] [faasr_entry.py] The local executor failed while running d: ObjectStoreException: S3 GetObject of key");
        StringAssert.Contains(log, "d.candidate");
    }

    [TestMethod]
    public async Task AFailedLogWriteDuringACallSaysWhatFailed()
    {
        await using var harness = await ExecutorHarness.CreateAsync("log-fault", Cancellation);
        harness.AddFile("f.py", """
            from FaaSr_py.client.py_client_stubs import faasr_log

            def only():
                faasr_log("first")
                faasr_log("second")
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);
        var logPuts = 0;
        var failing = new FailingObjectStore(harness.Store, (operation, key) =>
            operation == "PutObject" && key.EndsWith("/only.txt", StringComparison.Ordinal) && Interlocked.Increment(ref logPuts) == 2);

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { Stores = _ => failing });

        Assert.AreEqual(InstanceState.Failed, result["only"].State);
        var log = await harness.LogAsync(run, "only", Cancellation);
        // The second PUT of the log follows one of the calls: the faasr_log lines are written in a batch (InstanceLog),
        // with the next call's flush or soon after.
        StringAssert.Matches(log, new System.Text.RegularExpressions.Regex("failed to write the log of only after faasr_(log|return) - S3 PutObject of key"));
    }

    [TestMethod]
    public async Task FilesAreWalkedInOsWalksOwnUnsortedOrderAsFaaSrWalksThem()
    {
        await using var harness = await ExecutorHarness.CreateAsync("walk-order", Cancellation);
        foreach (var name in new[] { "m_broken.py", "c_broken.py", "x_broken.py" })
        {
            harness.AddFile(name, "value = 1 / 0\n");
        }

        harness.AddFile("k_fine.py", "def only():\n    pass\n");
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);
        var work = Directory.CreateTempSubdirectory("faasr-it-walk-").FullName;
        try
        {
            var (_, result) = await harness.RunAsync(graph, Cancellation, o => o with { KeepWorkDirectory = true, WorkDirectoryRoot = work });

            // The function's outcome follows os.walk's order of the downloaded folder, whatever it is, not a sorted one.
            var download = Path.Combine(Directory.GetDirectories(work, "faasr-it-run-*").Single(), "functions", "only", "owner-repo-local", ExecutorHarness.FunctionFolder);
            Assert.IsTrue(Directory.Exists(download), "FaaSr's layout: {download folder}/{owner}-{repo}-{sha}/{path}.");
            var order = await WalkOrderAsync(download);
            var expected = order.TakeWhile(f => f != "k_fine.py").Any() ? InstanceState.Failed : InstanceState.Completed;
            Assert.AreEqual(expected, result["only"].State, $"os.walk order: {string.Join(", ", order)}; {result["only"].Reason}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<string[]> WalkOrderAsync(string folder)
    {
        var start = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "import os, sys; print(' '.join(f for f in next(os.walk(sys.argv[1]))[2] if f.endswith('.py')))", folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        return output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class LocalExecutorBranchingTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task ARankedFanOutIntoAFanInRunsTheFanInOnce()
    {
        await using var harness = await ExecutorHarness.CreateAsync("fanin", Cancellation);
        harness.AddFile("fan.py", """
            def entry():
                pass

            def work():
                rank = faasr_rank()
                faasr_log(f"rank {rank['rank']} of {rank['max_rank']}")

            def join():
                faasr_log("joined")
            """);
        var graph = harness.Workflow("""
            "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["work(5)"] },
            "work": { "FaaSServer": "GH", "FunctionName": "work", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.IsTrue(result.Instances.All(i => i.State == InstanceState.Completed), string.Join("\n", result.Instances));
        string[] ran = ["entry", "work(1)", "work(2)", "work(3)", "work(4)", "work(5)", "join"];
        var candidateKey = run.Folder.CandidateKey("join");
        var expected = ExecutorHarness.ExpectedKeys(run, ran, ran, candidateKey);
        CollectionAssert.AreEquivalent(expected.ToList(), (await harness.KeysAsync(Cancellation)).ToList());

        var candidates = (await harness.TextAsync(candidateKey, Cancellation))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsGreaterThanOrEqualTo(1, candidates.Length);
        Assert.IsTrue(candidates.All(c => long.TryParse(c, out _)), string.Join(",", candidates));
        var joinLog = await harness.LogAsync(run, "join", Cancellation);
        Assert.AreEqual(1, CountOf(joinLog, "Starting function: join (Python)"), "The fan-in ran exactly once.");

        var entryLog = await harness.LogAsync(run, "entry", Cancellation);
        Assert.AreEqual(5, CountOf(entryLog, "[INFO] [scheduler.py] GitHub Action: Successfully invoked: work\n"), "One line per rank, base name.");
        for (var rank = 1; rank <= 5; rank++)
        {
            var workLog = await harness.LogAsync(run, $"work({rank})", Cancellation);
            StringAssert.Contains(workLog, $"\nrank {rank} of 5\n");
            StringAssert.Contains(workLog, "GitHub Action: Successfully invoked: join");
        }
    }

    [TestMethod]
    public async Task TheFanInWinnerIsTheFirstLineOfTheCandidateFileAndRunsAfterEveryPredecessorIsDone()
    {
        await using var harness = await ExecutorHarness.CreateAsync("fanin-order", Cancellation);
        harness.AddFile("fan.py", """
            import time

            def entry():
                pass

            def slow():
                time.sleep(0.5)

            def fast():
                pass

            def join():
                pass
            """);
        var graph = harness.Workflow("""
            "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["slow", "fast"] },
            "slow": { "FaaSServer": "GH", "FunctionName": "slow", "Type": "Python", "InvokeNext": ["join"] },
            "fast": { "FaaSServer": "GH", "FunctionName": "fast", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["join"].State, result["join"].Reason);
        Assert.IsGreaterThanOrEqualTo(result["slow"].CompletionWrittenAt!.Value, result["join"].StartedAt!.Value, "The fan-in starts after the last predecessor's .done.");
        var candidates = (await harness.TextAsync(run.Folder.CandidateKey("join"), Cancellation))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, candidates, "The fast predecessor's start stops at the missing .done and writes nothing.");
    }

    [TestMethod]
    public async Task OnlyTheChosenBranchOfAConditionalRuns()
    {
        await using var harness = await ExecutorHarness.CreateAsync("branch", Cancellation);
        harness.AddFile("branch.py", """
            def decide():
                return False

            def when_true():
                faasr_log("Ending Workflow...")

            def when_false():
                pass
            """);
        var graph = harness.Workflow("""
            "decide": { "FaaSServer": "GH", "FunctionName": "decide", "Type": "Python", "InvokeNext": [{ "True": ["yes"], "False": ["no"] }] },
            "yes": { "FaaSServer": "GH", "FunctionName": "when_true", "Type": "Python" },
            "no": { "FaaSServer": "GH", "FunctionName": "when_false", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["no"].State, result["no"].Reason);
        Assert.AreEqual(InstanceState.NotRun, result["yes"].State);
        var expected = ExecutorHarness.ExpectedKeys(run, ["decide", "no"], ["decide", "no"]);
        CollectionAssert.AreEquivalent(expected.ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        var log = await harness.LogAsync(run, "decide", Cancellation);
        StringAssert.Contains(log, "GitHub Action: Successfully invoked: no\n");
        Assert.DoesNotContain("Successfully invoked: yes", log);
    }

    [TestMethod]
    public async Task AConditionalWithoutABooleanReturnIsAnErrorAfterTheDoneFile()
    {
        await using var harness = await ExecutorHarness.CreateAsync("noreturn", Cancellation);
        harness.AddFile("branch.py", """
            def decide():
                return None

            def after():
                pass
            """);
        var graph = harness.Workflow("""
            "decide": { "FaaSServer": "GH", "FunctionName": "decide", "Type": "Python", "InvokeNext": [{ "True": ["after"] }] },
            "after": { "FaaSServer": "GH", "FunctionName": "after", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["decide"].State);
        Assert.AreEqual(InstanceState.NotRun, result["after"].State);
        var expected = ExecutorHarness.ExpectedKeys(run, ["decide"], ["decide"]);
        CollectionAssert.AreEquivalent(expected.ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        StringAssert.Contains(await harness.LogAsync(run, "decide", Cancellation), "[ERROR] [scheduler.py] InvokeNext contains conditionals but function did not return a value");
    }

    [TestMethod]
    [DataRow("GH", "GitHub Action: Successfully invoked: next")]
    [DataRow("AWS", "Lambda: Successfully invoked: next")]
    [DataRow("OW", "OpenWhisk: Succesfully invoked next")]
    [DataRow("GCP", "GoogleCloud: Successfully invoked LocalTest-next")]
    [DataRow("SLURM", "SLURM: Successfully submitted job: next (Job ID: ")]
    [DataRow("K8s", "('Kubernetes: Successfully submitted jobs: next (Job ID: ")]
    public async Task TheDispatchLineDependsOnTheTargetServersType(string server, string line)
    {
        await using var harness = await ExecutorHarness.CreateAsync("dispatch-" + server, Cancellation);
        harness.AddFile("f.py", """
            def first():
                pass

            def after():
                pass
            """);
        var graph = harness.Workflow($$"""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["next"] },
            "next": { "FaaSServer": "{{server}}", "FunctionName": "after", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["next"].State, result["next"].Reason);
        StringAssert.Contains(await harness.LogAsync(run, "first", Cancellation), "] [INFO] [scheduler.py] " + line);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// Workflows FaaSr 2.1 accepts but crashes on, or runs otherwise than they look: the emulated run fails (or runs)
/// the way the cloud would and says so.
/// </summary>
[TestClass]
public sealed class LocalExecutorCloudCrashTests(TestContext testContext)
{
    private const string Chain = """
        "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
        "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python" }
        """;

    private const string Functions = """
        def first():
            faasr_log("first ran")

        def second():
            faasr_log("second ran")
        """;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow("LoggingDataStore", "$.LoggingDataStore", "KeyError: 'LoggingDataStore'")]
    [DataRow("FaaSrLog", "$.FaaSrLog", "KeyError: 'FaaSrLog'")]
    [DataRow("Region", "$.DataStores.S3.Region", "KeyError: 'Region'")]
    public async Task AWorkflowWithoutAKeyEveryCloudActionNeedsIsRefusedBeforeAnythingRuns(string key, string path, string crash)
    {
        await using var harness = await ExecutorHarness.CreateAsync("no-" + key.ToLowerInvariant(), Cancellation);
        harness.AddFile("f.py", Functions);
        var graph = harness.Workflow(Chain, change: w =>
        {
            if (key == "Region")
            {
                w["DataStores"]!["S3"]!.AsObject().Remove("Region");
            }
            else
            {
                w.Remove(key);
            }
        });

        var error = await Assert.ThrowsExactlyAsync<LocalRunSetupException>(() => new LocalExecutor(harness.Options()).StartAsync(graph, Cancellation));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "in FaaSr 2.1 every action would crash (" + crash);
        Assert.IsEmpty(await harness.KeysAsync(Cancellation), "Nothing reaches S3, as in the cloud.");
    }

    [TestMethod]
    public async Task AnActionWithoutTypeFailsWithoutDoneAndSaysTheCloudWouldCrash()
    {
        await using var harness = await ExecutorHarness.CreateAsync("no-type", Cancellation);
        harness.AddFile("f.py", Functions);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
        Assert.AreEqual(InstanceState.Failed, result["second"].State);
        Assert.IsNull(await harness.TextAsync(run.Folder.DoneKey(graph.Instance("second")), Cancellation));
        var log = await harness.LogAsync(run, "second", Cancellation);
        StringAssert.Contains(log, "] [ERROR] [executor.py] in FaaSr 2.1 this action would crash (KeyError: 'Type') before anything reaches S3");
        Assert.DoesNotContain("second ran", log);
    }

    [TestMethod]
    public async Task AConditionalWithoutTheReturnedBranchCrashesAfterDoneAndDispatchesNothingAfterIt()
    {
        await using var harness = await ExecutorHarness.CreateAsync("one-branch", Cancellation);
        harness.AddFile("f.py", """
            def first():
                return False

            def before():
                faasr_log("before ran")

            def when_true():
                pass

            def after():
                faasr_log("after ran")
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["before", { "True": ["when-true"] }, "after"] },
            "before": { "FaaSServer": "GH", "FunctionName": "before", "Type": "Python" },
            "when-true": { "FaaSServer": "GH", "FunctionName": "when_true", "Type": "Python" },
            "after": { "FaaSServer": "GH", "FunctionName": "after", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        Assert.AreEqual("True", await harness.TextAsync(run.Folder.DoneKey(graph.Instance("first")), Cancellation), "FaaSr writes .done before it schedules.");
        Assert.AreEqual(InstanceState.Completed, result["before"].State, "Items before the conditional were dispatched.");
        Assert.AreEqual(InstanceState.NotRun, result["when-true"].State);
        Assert.AreEqual(InstanceState.NotRun, result["after"].State, "Items after the crash are never dispatched.");
        StringAssert.Contains(
            await harness.LogAsync(run, "first", Cancellation),
            "] [ERROR] [scheduler.py] in FaaSr 2.1 this action would crash: InvokeNext has no \"False\" branch for the returned False (TypeError: 'NoneType' object is not iterable)");
    }

    [TestMethod]
    public async Task ATargetNamedTwiceIsDispatchedTwiceAndRunsOnceBehindTheFanInGate()
    {
        await using var harness = await ExecutorHarness.CreateAsync("twice", Cancellation);
        harness.AddFile("f.py", Functions);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second", "second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["second"].State, result["second"].Reason);
        var firstLog = await harness.LogAsync(run, "first", Cancellation);
        Assert.AreEqual(2, firstLog.Split('\n').Count(l => l.EndsWith("GitHub Action: Successfully invoked: second", StringComparison.Ordinal)));
        var secondLog = await harness.LogAsync(run, "second", Cancellation);
        Assert.AreEqual(1, secondLog.Split('\n').Count(l => l.EndsWith("Starting function: second (Python)", StringComparison.Ordinal)));
        var candidates = await harness.TextAsync(run.Folder.CandidateKey("second"), Cancellation);
        Assert.AreEqual(2, candidates!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, "Both starts went through the gate.");
    }

    [TestMethod]
    public async Task DoneGoesToTheDefaultDataStoreSoAFanInReadingTheLoggingStoreNeverRuns()
    {
        await using var harness = await ExecutorHarness.CreateAsync("two-stores", Cancellation);
        var logStore = await SharedS3.NewBucketAsync("two-stores-log", Cancellation);
        harness.AddFile("f.py", """
            def first():
                pass

            def left():
                pass

            def right():
                pass

            def join():
                faasr_log("join ran")
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["left", "right"] },
            "left": { "FaaSServer": "GH", "FunctionName": "left", "Type": "Python", "InvokeNext": ["join"] },
            "right": { "FaaSServer": "GH", "FunctionName": "right", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """, change: w =>
        {
            w["LoggingDataStore"] = "LOG";
            w["DataStores"]!["LOG"] = new JsonObject { ["Endpoint"] = harness.Connection.ServiceUrl!.ToString(), ["Bucket"] = logStore.Bucket, ["Region"] = "us-east-1" };
        });

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { Stores = name => name == "LOG" ? logStore : harness.Store });

        Assert.AreEqual(InstanceState.Completed, result["left"].State, result["left"].Reason);
        Assert.AreEqual(InstanceState.Completed, result["right"].State, result["right"].Reason);
        Assert.AreEqual("True", await harness.TextAsync(run.Folder.DoneKey(graph.Instance("left")), Cancellation), ".done is in the DefaultDataStore.");
        Assert.IsFalse(await logStore.ExistsAsync(run.Folder.DoneKey(graph.Instance("left")), Cancellation), "... and not in the LoggingDataStore.");
        Assert.AreEqual(InstanceState.NotRun, result["join"].State, "The fan-in looks for .done in the LoggingDataStore, so it never runs.");
    }

    [TestMethod]
    public async Task AFolderListIsOnePageOfAtMost1000Keys()
    {
        await using var harness = await ExecutorHarness.CreateAsync("page", Cancellation);
        await PutManyAsync(harness.Store, "many/", 1001, Cancellation);
        harness.AddFile("f.py", """
            def only():
                faasr_log("listed " + str(len(faasr_get_folder_list(prefix="many/"))))
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        StringAssert.Contains(await harness.LogAsync(run, "only", Cancellation), "\nlisted 1000\n");
    }

    internal static async Task PutManyAsync(IObjectStore store, string prefix, int count, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(16);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                await store.PutAsync($"{prefix}{i:D5}", "x"u8.ToArray(), cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }));
    }
}

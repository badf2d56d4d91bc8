using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>What the monitor asks S3: one LIST per cycle, ranged GETs of changed logs only, the LoggingDataStore's bucket.</summary>
[TestClass]
public sealed class MonitorObservationTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task LogsAreReadFromTheLoggingDataStoreNotTheDefaultOne()
    {
        var userData = await SharedS3.NewBucketAsync("user-data", Cancellation);
        await using var scenario = await MonitorScenario.StartAsync("logging-store", bucket => MonitorWorkflows.Graph(bucket, userData.Bucket,
            ("solo", "[]")), Cancellation);

        await scenario.Write.CompleteAsync("solo", Cancellation);
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
        Assert.IsTrue(scenario.Requests.Requests.Count > 0);
        var wrongStore = Assert.ThrowsExactly<ArgumentException>(() => new WorkflowMonitor(scenario.Graph, scenario.Folder, userData));
        StringAssert.Contains(wrongStore.Message, "LoggingDataStore 'Logs'");
        StringAssert.Contains(wrongStore.Message, userData.Bucket);
    }

    [TestMethod]
    public async Task AChangedLogIsReadFromItsLastOffsetAndUnchangedLogsAreNotReadAgain()
    {
        var options = MonitorScenario.FastOptions with { LiveLogs = true };
        await using var scenario = await MonitorScenario.StartAsync("ranged", bucket => MonitorWorkflows.Graph(bucket,
            ("a", """["b", "c"]"""), ("b", "[]"), ("c", "[]")), Cancellation, options);
        var entries = new List<FunctionLogEntry>();
        scenario.Monitor.LogEntryReceived += (_, entry) => { lock (entries) { entries.Add(entry); } };

        await scenario.Write.CompleteAsync("a", Cancellation, "b", "c");
        await scenario.Write.InfoAsync("b", Cancellation, "Starting function: b (Python)");
        await scenario.Write.InfoAsync("c", Cancellation, "Starting function: c (Python)");
        await WaitUntilAsync(() => scenario.Monitor.LogOf("b").Length > 0 && scenario.Monitor.LogOf("c").Length > 0);
        var firstLength = (await scenario.Store.GetAsync(scenario.Write.LogKey("b"), Cancellation))!.Length;

        await scenario.Write.UserLogAsync("b", "Using invocation ID: é✓", Cancellation);
        await WaitUntilAsync(() => scenario.Monitor.LogOf("b").Contains("Processing request: faasr_log", StringComparison.Ordinal));

        var readsOfB = scenario.ReadsOf("b");
        Assert.HasCount(2, readsOfB);
        Assert.AreEqual(0L, readsOfB[0].Offset);
        Assert.AreEqual((long)firstLength, readsOfB[1].Offset);
        Assert.HasCount(1, scenario.ReadsOf("c"), "c's log did not change after its first read.");
        Assert.AreEqual(0, scenario.Requests.Count(ObjectStoreOperation.Head), "Existence comes from the listing.");
        StringAssert.Contains(scenario.Monitor.LogOf("b"), "Using invocation ID: é✓");

        await scenario.Write.DoneAsync("b", Cancellation);
        await scenario.Write.NoTriggersAsync("b", Cancellation);
        await scenario.Write.DoneAsync("c", Cancellation);
        await scenario.Write.NoTriggersAsync("c", Cancellation);
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
        string[] expected = [.. LogParser.Split(await scenario.Store.GetTextAsync(scenario.Write.LogKey("b"), Cancellation) ?? "").Select(e => e.Text)];
        lock (entries)
        {
            CollectionAssert.AreEqual(expected, entries.Where(e => e.Instance == "b").Select(e => e.Entry.Text).ToArray(), "Each entry is raised once, in order.");
        }
    }

    [TestMethod]
    public async Task ATypicalInstanceCostsAtMostTwoReadsAndOneListPerCycle()
    {
        // FaaSr's flushes follow each other closely; a settle time no gap between the writes below reaches, even on a
        // loaded machine, keeps the test about that typical case rather than about a log that paused mid-run.
        var options = MonitorScenario.FastOptions with { LogSettleTime = TimeSpan.FromSeconds(5) };
        await using var scenario = await MonitorScenario.StartAsync("requests", bucket => MonitorWorkflows.Graph(bucket,
            ("solo", "[]")), Cancellation, options);

        await scenario.Write.InfoAsync("solo", Cancellation, "Get git repo files", "Starting server on localhost port 8000");
        await scenario.WaitForStatusAsync("solo", FunctionStatus.Running, Cancellation);
        await scenario.Write.InfoAsync("solo", Cancellation, "Starting function: solo (Python)");
        await scenario.Write.UserLogAsync("solo", "user says hello", Cancellation);
        await scenario.Write.DoneAsync("solo", Cancellation);
        await scenario.Write.NoTriggersAsync("solo", Cancellation);
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
        var reads = scenario.ReadsOf("solo");
        Assert.IsInRange(1, 2, reads.Count);
        Assert.AreEqual(0L, reads[0].Offset);
        Assert.IsTrue(reads.Zip(reads.Skip(1)).All(pair => pair.Second.Offset > pair.First.Offset), "Each read starts where the last one ended.");
        var others = scenario.Requests.Requests.Where(r => r.Operation != ObjectStoreOperation.List).Except(reads).ToArray();
        Assert.IsEmpty(others, string.Join(", ", others.Select(o => $"{o.Operation} {o.Key}")));
        Assert.IsTrue(scenario.Requests.Requests.Where(r => r.Operation == ObjectStoreOperation.List).All(r => r.Key == scenario.Folder.Prefix + "/"));
        StringAssert.Contains(result["solo"].LogText, "user says hello");
    }

    [TestMethod]
    public async Task PersistentStoreFailuresEndTheRunWithTheErrorAndFailWaiters()
    {
        var store = await SharedS3.NewBucketAsync("failing", Cancellation);
        var graph = MonitorWorkflows.Graph(store.Bucket, ("solo", "[]"));
        var monitor = new WorkflowMonitor(graph, graph.FolderFor("2025-11-20T14-03-11", "id"), new ListFailingObjectStore(store), MonitorScenario.FastOptions);
        var waiting = monitor.WaitForFinalAsync("solo", Cancellation);

        var error = await Assert.ThrowsExactlyAsync<ObjectStoreException>(() => monitor.RunAsync(Cancellation).WaitAsync(MonitorScenario.WaitLimit, Cancellation));

        StringAssert.Contains(error.Message, "InternalError");
        await Assert.ThrowsExactlyAsync<ObjectStoreException>(() => waiting.WaitAsync(MonitorScenario.WaitLimit, Cancellation));
        var late = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => monitor.WaitForFinalAsync("solo", Cancellation));
        StringAssert.Contains(late.Message, "stopped with an error");
    }

    [TestMethod]
    public async Task WaitingForAnUnknownInstanceNamesTheKnownOnes()
    {
        await using var scenario = await MonitorScenario.StartAsync("unknown", bucket => MonitorWorkflows.Graph(bucket, ("solo", "[]")), Cancellation);

        var error = await Assert.ThrowsExactlyAsync<KeyNotFoundException>(() => scenario.Monitor.WaitForFinalAsync("sol0", Cancellation));

        StringAssert.Contains(error.Message, "'sol0'");
        StringAssert.Contains(error.Message, "Known: solo");
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + MonitorScenario.WaitLimit;
        while (!condition())
        {
            Assert.IsLessThan(deadline, DateTimeOffset.UtcNow, "The condition did not hold in time.");
            await Task.Delay(10, Cancellation);
        }
    }
}

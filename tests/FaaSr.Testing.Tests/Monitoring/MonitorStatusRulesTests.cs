using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>docs/faasr-semantics.md, "Status rules": how an instance's own objects (log, ERROR entries, .done) set its status.</summary>
[TestClass]
public sealed class MonitorStatusRulesTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task TheEntryStartsInvokedAndEveryOtherInstancePending()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("start", """["work(2)"]"""), ("work", """["join"]"""), ("join", "[]")), Cancellation);

        var states = scenario.Monitor.Snapshot().ToDictionary(s => s.Name, s => s.Status);

        Assert.AreEqual(FunctionStatus.Invoked, states["start"]);
        Assert.AreEqual(FunctionStatus.Pending, states["work(1)"]);
        Assert.AreEqual(FunctionStatus.Pending, states["work(2)"]);
        Assert.AreEqual(FunctionStatus.Pending, states["join"]);
        Assert.IsNotNull(scenario.Monitor.StateOf("start").InvokedAt);
    }

    [TestMethod]
    public async Task ALogObjectMakesTheInstanceRunning()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket, ("solo", "[]")), Cancellation);

        await scenario.Write.InfoAsync("solo", Cancellation, "Starting function: solo (Python)");
        await scenario.WaitForStatusAsync("solo", FunctionStatus.Running, Cancellation);

        var state = scenario.Monitor.StateOf("solo");
        Assert.IsNotNull(state.StartedAt);
        Assert.AreEqual("log created", state.Reason);
        Assert.AreEqual(scenario.Write.LogKey("solo"), state.LogKey);
    }

    [TestMethod]
    public async Task ADoneFileWithoutErrorCompletesTheInstanceAndTheRun()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket, ("solo", "[]")), Cancellation);

        await scenario.Write.CompleteAsync("solo", Cancellation);
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome);
        Assert.AreEqual("All functions completed", result.Message);
        Assert.AreEqual(FunctionStatus.Completed, result["solo"].Status);
        Assert.IsTrue(result["solo"].LogComplete);
        StringAssert.Contains(scenario.Monitor.LogOf("solo"), "no triggers for solo");
    }

    [TestMethod]
    public async Task AnErrorEntryFailsTheInstanceEvenAfterItsDoneFile()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket, ("solo", "[]")), Cancellation);

        // A user exception: FaaSr writes .done first, then logs the error and its traceback in two flushes.
        await scenario.Write.InfoAsync("solo", Cancellation, "Starting function: solo (Python)");
        await scenario.Write.DoneAsync("solo", Cancellation);
        await scenario.WaitForStatusAsync("solo", FunctionStatus.Completed, Cancellation);
        await scenario.Write.ErrorAsync("solo", "outside_exception", Cancellation);
        await scenario.Write.ErrorAsync("solo", "Traceback: Traceback (most recent call last):", Cancellation, "Exception: inside_exception");

        var final = await scenario.WaitForFinalAsync("solo", Cancellation);
        var result = await scenario.FinishAsync();

        Assert.AreEqual(FunctionStatus.Failed, final.Status);
        StringAssert.Contains(final.Reason, "outside_exception");
        StringAssert.Contains(final.LogText, "Exception: inside_exception", "The wait ends only once the log is complete.");
        Assert.AreEqual(MonitorOutcome.Failed, result.Outcome);
        Assert.AreEqual("Failure detected in solo and all active loggers completed", result.Message);
        CollectionAssert.AreEqual(
            new[] { FunctionStatus.Invoked, FunctionStatus.Running, FunctionStatus.Completed, FunctionStatus.Failed },
            scenario.Transitions.Where(t => t.Instance == "solo").Select(t => t.To).ToArray());
    }

    [TestMethod]
    public async Task RankedInstancesCompleteByTheirNumberedDoneFiles()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("start", """["f(3)"]"""), ("f", "[]")), Cancellation);

        await scenario.Write.CompleteAsync("start", Cancellation, "f(3)");
        foreach (var rank in new[] { "f(1)", "f(2)", "f(3)" })
        {
            await scenario.Write.InfoAsync(rank, Cancellation, "Starting function: f (Python)");
        }

        await scenario.Write.DoneAsync("f(2)", Cancellation);
        await scenario.Write.NoTriggersAsync("f(2)", Cancellation);
        await scenario.WaitForStatusAsync("f(2)", FunctionStatus.Completed, Cancellation);

        Assert.EndsWith("/function_completions/f.2.done", scenario.Write.DoneKey("f(2)"));
        Assert.EndsWith("/f(2).txt", scenario.Write.LogKey("f(2)"));
        Assert.AreEqual(FunctionStatus.Running, scenario.StatusOf("f(1)"));
        Assert.AreEqual(FunctionStatus.Running, scenario.StatusOf("f(3)"));

        foreach (var rank in new[] { "f(1)", "f(3)" })
        {
            await scenario.Write.DoneAsync(rank, Cancellation);
            await scenario.Write.NoTriggersAsync(rank, Cancellation);
        }

        var result = await scenario.FinishAsync();
        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
        Assert.IsTrue(result.Functions.All(f => f.Status == FunctionStatus.Completed));
    }

    [TestMethod]
    public async Task ALogBeforeAnySeenDispatchStillMeansInvokedAndRunning()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("start", """["next"]"""), ("next", "[]")), Cancellation);

        await scenario.Write.InfoAsync("next", Cancellation, "Starting function: next (Python)");
        await scenario.WaitForStatusAsync("next", FunctionStatus.Running, Cancellation);

        var state = scenario.Monitor.StateOf("next");
        Assert.IsNotNull(state.InvokedAt);
        Assert.AreEqual("log created before its invocation was seen", state.Reason);
    }
}

using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>Invoked / pending / not_invoked from the invokers' scheduler lines, with the old framework's bugs fixed.</summary>
[TestClass]
public sealed class MonitorInvocationRulesTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow("GitHub Action: Successfully invoked: next")]
    [DataRow("Lambda: Successfully invoked: next")]
    [DataRow("OpenWhisk: Succesfully invoked next")]
    [DataRow("GoogleCloud: Successfully invoked MonitorTest-next")]
    [DataRow("SLURM: Successfully submitted job: next (Job ID: 4711)")]
    [DataRow("('Kubernetes: Successfully invoked: next', 201)")]
    public async Task TheDispatchLineOfEveryFaaSTypeInvokesTheSuccessor(string dispatchLine)
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("start", """["next"]"""), ("next", "[]")), Cancellation);

        await scenario.Write.InfoAsync("start", Cancellation, "Starting function: start (Python)");
        await scenario.Write.DoneAsync("start", Cancellation);
        await scenario.Write.SchedulerAsync("start", Cancellation, dispatchLine);
        await scenario.WaitForStatusAsync("next", FunctionStatus.Invoked, Cancellation);

        Assert.AreEqual("invoked by start", scenario.Monitor.StateOf("next").Reason);
        CollectionAssert.AreEquivalent(new[] { "next" }, scenario.Monitor.StateOf("start").Dispatched.ToArray());
    }

    [TestMethod]
    public async Task NotInvokedSpreadsDownAFalseBranchSoTheRunEndsInsteadOfTimingOut()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("start", """[{ "True": ["yes"], "False": ["no"] }]"""),
            ("yes", "[]"),
            ("no", """["no2"]"""),
            ("no2", """["no3"]"""),
            ("no3", "[]")), Cancellation);

        await scenario.Write.CompleteAsync("start", Cancellation, "yes");
        await scenario.Write.CompleteAsync("yes", Cancellation);
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
        Assert.AreEqual(FunctionStatus.Completed, result["yes"].Status);
        foreach (var name in new[] { "no", "no2", "no3" })
        {
            Assert.AreEqual(FunctionStatus.NotInvoked, result[name].Status, name);
        }

        Assert.AreEqual("start completed without dispatching it", result["no"].Reason);
        Assert.AreEqual("no2 not_invoked", result["no3"].Reason);
        Assert.IsLessThan(TimeSpan.FromSeconds(10), result.FinishedAt - result.StartedAt);
    }

    [TestMethod]
    public async Task AnyInvokerThatDispatchedInvokesAndALivePathKeepsItPending()
    {
        // join has two invokers: "left" runs, "right" is on the branch not taken.
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("start", """[{ "True": ["left"], "False": ["right"] }]"""),
            ("left", """["join"]"""),
            ("right", """["join"]"""),
            ("join", "[]")), Cancellation);

        await scenario.Write.CompleteAsync("start", Cancellation, "left");
        await scenario.WaitForStatusAsync("right", FunctionStatus.NotInvoked, Cancellation);
        await scenario.Write.InfoAsync("left", Cancellation, "Starting function: left (Python)");
        await scenario.WaitForStatusAsync("left", FunctionStatus.Running, Cancellation);

        Assert.AreEqual(FunctionStatus.Pending, scenario.StatusOf("join"), "left may still invoke join.");
        Assert.AreEqual("waiting for left", scenario.Monitor.StateOf("join").Reason);

        await scenario.Write.DoneAsync("left", Cancellation);
        await scenario.Write.DispatchAsync("left", Cancellation, "join");
        await scenario.WaitForStatusAsync("join", FunctionStatus.Invoked, Cancellation);
        Assert.AreEqual("invoked by left", scenario.Monitor.StateOf("join").Reason);

        await scenario.Write.CompleteAsync("join", Cancellation);
        var result = await scenario.FinishAsync();
        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
        Assert.AreEqual(FunctionStatus.NotInvoked, result["right"].Status);
        Assert.AreEqual(FunctionStatus.Completed, result["join"].Status);
    }

    [TestMethod]
    public async Task AnUnconditionalSuccessorStaysPendingWhileSlowDispatchesOutlastTheSettleTime()
    {
        // GitHub dispatches take a request each; the scheduler's lines are flushed once, after the last one.
        var options = MonitorScenario.FastOptions with { LogSettleTime = TimeSpan.FromMilliseconds(200) };
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("start", """["next"]"""), ("next", "[]")), Cancellation, options);

        await scenario.Write.InfoAsync("start", Cancellation, "Starting function: start (Python)");
        await scenario.Write.DoneAsync("start", Cancellation);
        await scenario.WaitForStatusAsync("start", FunctionStatus.Completed, Cancellation);
        await scenario.ElapseAsync(TimeSpan.FromSeconds(1), Cancellation); // Five settle times without a log change.

        Assert.IsNull(scenario.Monitor.Result, $"The run must not end before next is dispatched: {scenario.Monitor.Result?.Message}");
        Assert.AreEqual(FunctionStatus.Pending, scenario.StatusOf("next"), scenario.Monitor.StateOf("next").Reason);

        await scenario.Write.DispatchAsync("start", Cancellation, "next");
        await scenario.WaitForStatusAsync("next", FunctionStatus.Invoked, Cancellation);
        await scenario.Write.CompleteAsync("next", Cancellation);
        var result = await scenario.FinishAsync();
        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
        Assert.AreEqual(FunctionStatus.Completed, result["next"].Status);
    }

    [TestMethod]
    public async Task ASuccessorStaysPendingUntilTheSchedulerLinesArriveAfterDone()
    {
        // A settle time long enough that the missing lines cannot be taken for "no dispatch" during the test.
        var options = MonitorScenario.FastOptions with { LogSettleTime = TimeSpan.FromSeconds(5) };
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("start", """["next"]"""), ("next", "[]")), Cancellation, options);

        await scenario.Write.InfoAsync("start", Cancellation, "Starting function: start (Python)");
        await scenario.Write.DoneAsync("start", Cancellation);
        await scenario.WaitForStatusAsync("start", FunctionStatus.Completed, Cancellation);

        Assert.AreEqual(FunctionStatus.Pending, scenario.StatusOf("next"), ".done precedes the dispatch lines.");
        Assert.IsFalse(scenario.Monitor.StateOf("start").LogComplete);

        await scenario.Write.DispatchAsync("start", Cancellation, "next");
        await scenario.WaitForStatusAsync("next", FunctionStatus.Invoked, Cancellation);
    }
}

using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>How a run ends other than by success: failure cascade, stage deadlines, inactivity, cancellation.</summary>
[TestClass]
public sealed class MonitorEndingTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task AFailureWaitsForActiveInstancesThenSkipsWhatCanNoLongerRun()
    {
        // b and c fan in to j; b fails without .done, so j's gate can never pass once c dispatched it.
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("a", """["b", "c"]"""), ("b", """["j"]"""), ("c", """["j"]"""), ("j", """["k"]"""), ("k", "[]")), Cancellation);

        await scenario.Write.CompleteAsync("a", Cancellation, "b", "c");
        await scenario.Write.InfoAsync("c", Cancellation, "Starting function: c (Python)");
        await scenario.Write.InfoAsync("b", Cancellation, "Starting function: b (Python)");
        await scenario.Write.ErrorAsync("b", "Python file b.py has following source error: boom", Cancellation);

        var failed = await scenario.WaitForFinalAsync("b", Cancellation);
        Assert.AreEqual(FunctionStatus.Failed, failed.Status);
        Assert.IsNull(scenario.Monitor.Result, "c is still running: the run must wait for it.");
        Assert.AreEqual(FunctionStatus.Running, scenario.StatusOf("c"));

        await scenario.Write.DoneAsync("c", Cancellation);
        await scenario.Write.DispatchAsync("c", Cancellation, "j");
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.Failed, result.Outcome);
        Assert.AreEqual("Failure detected in b and all active loggers completed", result.Message);
        Assert.AreEqual(FunctionStatus.Completed, result["c"].Status);
        Assert.AreEqual(FunctionStatus.Skipped, result["j"].Status);
        Assert.AreEqual("skipped after failure of b", result["j"].Reason);
        Assert.AreEqual(FunctionStatus.Skipped, result["k"].Status);
        Assert.IsFalse(result.Succeeded);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "source error, no .done")]
    [DataRow(true, DisplayName = "user exception after .done")]
    public async Task AFailureInALongChainEndsTheRunFastWithEverythingBelowItSkipped(bool writesDone)
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("a", """["b"]"""), ("b", """["c"]"""), ("c", """["d"]"""), ("d", """["e"]"""), ("e", "[]")), Cancellation);

        await scenario.Write.CompleteAsync("a", Cancellation, "b");
        await scenario.Write.InfoAsync("b", Cancellation, "Starting function: b (Python)");
        if (writesDone)
        {
            await scenario.Write.DoneAsync("b", Cancellation);
        }

        await scenario.Write.ErrorAsync("b", "boom", Cancellation, "Traceback (most recent call last):", "Exception: boom");
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.Failed, result.Outcome, result.Message);
        Assert.AreEqual("Failure detected in b and all active loggers completed", result.Message);
        Assert.AreEqual(FunctionStatus.Failed, result["b"].Status);
        foreach (var name in new[] { "c", "d", "e" })
        {
            Assert.AreEqual(FunctionStatus.Skipped, result[name].Status, $"{name} could only run after b; b's failure skips it ({result[name].Reason}).");
            Assert.AreEqual("skipped after failure of b", result[name].Reason);
        }

        Assert.IsLessThan(MonitorScenario.FastOptions.InactivityTimeout, result.FinishedAt - result.StartedAt, "The inactivity timeout must not be waited out.");
    }

    [TestMethod]
    public async Task AMissedStageDeadlineTimesTheInstanceOutWithoutWaitingForTheRest()
    {
        var options = MonitorScenario.FastOptions with
        {
            Deadlines = new Dictionary<string, StageDeadlines> { ["b"] = new() { RunningWithin = TimeSpan.FromMilliseconds(300) } },
        };
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("a", """["b", "c"]"""), ("b", "[]"), ("c", "[]")), Cancellation, options);

        await scenario.Write.CompleteAsync("a", Cancellation, "b", "c");
        await scenario.Write.InfoAsync("c", Cancellation, "Starting function: c (Python)");
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.TimedOut, result.Outcome);
        Assert.AreEqual("Function b timed out: not running within 0:00:00.3 of its invocation", result.Message);
        Assert.AreEqual(FunctionStatus.Timeout, result["b"].Status);
        Assert.AreEqual(FunctionStatus.Skipped, result["c"].Status);
        Assert.AreEqual("skipped after timeout of b", result["c"].Reason);
        Assert.IsLessThan(TimeSpan.FromSeconds(5), result.FinishedAt - result["b"].InvokedAt!.Value, "The 20 s inactivity timeout must not be waited out.");
    }

    [TestMethod]
    public async Task InactivityTimesOutEveryUnfinishedInstance()
    {
        var options = MonitorScenario.FastOptions with { InactivityTimeout = TimeSpan.FromMilliseconds(500) };
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("a", """["b"]"""), ("b", "[]")), Cancellation, options);

        await scenario.Write.InfoAsync("a", Cancellation, "Starting function: a (Python)", "stuck");
        var result = await scenario.FinishAsync();

        Assert.AreEqual(MonitorOutcome.TimedOut, result.Outcome);
        StringAssert.StartsWith(result.Message, "Inactivity timeout: nothing changed for 0:00:00.5");
        Assert.AreEqual(FunctionStatus.Timeout, result["a"].Status);
        Assert.AreEqual(FunctionStatus.Timeout, result["b"].Status);
        StringAssert.Contains(scenario.Monitor.LogOf("a"), "stuck", "Unread log bytes are read before a timeout ends the run.");
    }

    [TestMethod]
    public async Task CancellationSkipsUnfinishedInstancesAndReleasesWaiters()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(bucket => MonitorWorkflows.Graph(bucket,
            ("a", """["b"]"""), ("b", "[]")), Cancellation);
        await scenario.Write.InfoAsync("a", Cancellation, "Starting function: a (Python)");
        await scenario.WaitForStatusAsync("a", FunctionStatus.Running, Cancellation);
        var waiting = scenario.Monitor.WaitForFinalAsync("b", Cancellation);

        var result = await scenario.CancelAsync();

        Assert.AreEqual(MonitorOutcome.Cancelled, result.Outcome);
        Assert.AreEqual(FunctionStatus.Skipped, result["a"].Status);
        Assert.AreEqual("shutdown", result["a"].Reason);
        Assert.AreEqual(FunctionStatus.Skipped, (await waiting.WaitAsync(MonitorScenario.WaitLimit, Cancellation)).Status);
    }
}

using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>
/// A failure the compute reports (<see cref="IComputeFailureSink"/>, a job that died before FaaSr wrote a log): applied
/// at the monitor's next cycle, after what S3 shows, which wins when it settles the instance.
/// </summary>
[TestClass]
public sealed class MonitorComputeFailureTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task AReportedFailureOfAnInstanceWithoutALogFailsItAtTheNextCycleAndEndsTheRun()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(
            bucket => MonitorWorkflows.Graph(bucket, ("a", """["b"]"""), ("b", "[]")), Cancellation);

        scenario.Monitor.ReportFailure("a", "job run_docker_image failed; log tail: Error: pull access denied");
        await scenario.ElapseAsync(MonitorScenario.FastOptions.PollInterval, Cancellation);

        var state = scenario.Monitor.StateOf("a");
        Assert.AreEqual(FunctionStatus.Failed, state.Status, "one cycle after the report");
        Assert.AreEqual("job run_docker_image failed; log tail: Error: pull access denied", state.Reason);
        var result = await scenario.FinishAsync();
        Assert.AreEqual(MonitorOutcome.Failed, result.Outcome, result.Message);
        Assert.AreEqual("Failure detected in a and all active loggers completed", result.Message);
        Assert.AreEqual(FunctionStatus.Skipped, result["b"].Status);
        Assert.ThrowsExactly<KeyNotFoundException>(() => scenario.Monitor.ReportFailure("nobody", "x"));
    }

    [TestMethod]
    public async Task WhatS3ShowsWinsOverAReportedFailure()
    {
        await using var scenario = await MonitorScenario.StartOnFakeClockAsync(
            bucket => MonitorWorkflows.Graph(bucket, ("a", """["b"]"""), ("b", """["c"]"""), ("c", "[]")), Cancellation);

        // a completed in S3 although its job is said to have failed afterwards (a step after FaaSr's).
        await scenario.Write.CompleteAsync("a", Cancellation, "b");
        scenario.Monitor.ReportFailure("a", "job failed after FaaSr finished");

        // b logged its own ERROR, not yet read when the report came: the log's reason is the one kept.
        await scenario.Write.InfoAsync("b", Cancellation, "Starting function: b (Python)");
        await scenario.Write.ErrorAsync("b", "boom in b", Cancellation, "Traceback (most recent call last):");
        scenario.Monitor.ReportFailure("b", "job failed");
        var result = await scenario.FinishAsync();

        Assert.AreEqual(FunctionStatus.Completed, result["a"].Status, result["a"].Reason);
        Assert.AreEqual(FunctionStatus.Failed, result["b"].Status);
        StringAssert.StartsWith(result["b"].Reason, "ERROR logged: ");
        StringAssert.Contains(result["b"].Reason, "boom in b");
        Assert.AreEqual(FunctionStatus.Skipped, result["c"].Status, "c never started: skipped after b's failure");
    }
}

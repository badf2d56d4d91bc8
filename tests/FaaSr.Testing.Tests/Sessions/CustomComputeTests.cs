using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;
using FaaSr.Testing.Tests.Support;
using static FaaSr.Testing.Tests.Support.ProbeRepository;

namespace FaaSr.Testing.Tests.Sessions;

/// <summary>
/// A session on a compute this test defines (<see cref="ScriptedCompute"/>: it runs nothing, it writes the objects
/// FaaSr would write for the probe outcomes workflow), handed in through WorkflowTesterOptions.ComputeBackend and so
/// through SessionComposer, on the local storage. The monitor, the tester's assertions and the run record work on it
/// as on the emulated compute, since all of them read only what the compute wrote to S3.
/// </summary>
[TestClass]
public sealed class CustomComputeTests : ProbeWorkflowTest<CustomComputeTests>
{
    protected override string Bucket => "custom-compute";

    protected override WorkflowTesterOptions Options => base.Options with { ComputeBackend = new ScriptedCompute(WriteTheOutcomesAsync) };

    [TestMethod]
    public async Task TheMonitorAndTheAssertionsSeeWhatTheComputeWrote()
    {
        await Expect(Function("writer")).ToCompleteAsync();
        await Expect(Function("writer")).ToLogAsync("writer says hello");
        await Expect(Object("out.txt")).ToHaveContentAsync("written by the scripted compute");
        await Expect(Function("ranked(1)")).ToCompleteAsync();
        await Expect(Function("ranked(2)")).ToCompleteAsync();
        await Expect(Function("dontrun")).NotToBeInvokedAsync();
        await Expect(Function("failer")).ToFailAsync();
        await Expect(Function("failer")).ToLogAsync("Exception: probe failure");
        await Expect(Function("after-failer")).ToBeSkippedAsync();
        Assert.AreEqual("local|scripted", $"{Tester.StorageName}|{Tester.ComputeName}");
    }

    [TestMethod]
    [DependsOn(nameof(TheMonitorAndTheAssertionsSeeWhatTheComputeWrote))]
    public async Task TheRunRecordNamesTheComputeAndKeepsItsPagesSourcesAndTransitions()
    {
        var result = await Tester.Session.Monitoring.WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
        var record = await FinishedRecordAsync();

        Assert.AreEqual(MonitorOutcome.Failed, result.Outcome, result.Message);
        Assert.AreEqual("local|scripted", $"{record.Storage}|{record.Compute}");
        Assert.AreEqual($"{ScriptedCompute.PageRoot}/{Tester.InvocationId}", record.RunUrl);
        Assert.AreEqual(ScriptedCompute.Backend, record.Sources!.Single());
        var ranked = record.Functions.Single(f => f.Name == "ranked(2)");
        Assert.AreEqual($"{ScriptedCompute.PageRoot}/{Tester.InvocationId}/ranked%282%29", ranked.RunUrl);
        CollectionAssert.AreEqual(new[] { "writer" }, ranked.InvokedBy.ToArray());
        Assert.AreEqual(FunctionStatus.Completed, ranked.Transitions[^1].To);
        var failer = record.Functions.Single(f => f.Name == "failer");
        StringAssert.Contains(failer.Reason, "probe failure");
        Assert.AreEqual(FunctionStatus.Failed, failer.Transitions[^1].To);
        Assert.AreEqual(FunctionStatus.Skipped, record.Functions.Single(f => f.Name == "after-failer").Status);
    }

    /// <summary>What FaaSr writes for the outcomes workflow when writer returns True and failer raises.</summary>
    private static async Task WriteTheOutcomesAsync(ScriptedInvocation run, CancellationToken cancellationToken)
    {
        await run.Logs.InfoAsync("writer", cancellationToken, "Starting function: writer (Python)");
        await run.Logs.UserLogAsync("writer", "writer says hello", cancellationToken);
        await run.PutUserObjectAsync(UserFolder, "out.txt", "written by the scripted compute", cancellationToken);
        await run.Logs.DoneAsync("writer", cancellationToken);
        await run.Logs.DispatchAsync("writer", cancellationToken, "failer", "ranked(2)");
        await run.Logs.CompleteAsync("ranked(1)", cancellationToken);
        await run.Logs.CompleteAsync("ranked(2)", cancellationToken);
        await run.Logs.InfoAsync("failer", cancellationToken, "Starting function: failer (Python)");
        await run.Logs.ErrorAsync(
            "failer", "probe failure", cancellationToken, "Traceback (most recent call last):", "Exception: probe failure");
    }

    /// <summary>
    /// The record once its publisher wrote the last state (it does so right after monitoring ends). The file is
    /// rewritten in place, so a read during a write may see part of it: that read is tried again.
    /// </summary>
    private async Task<RunRecord> FinishedRecordAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var record = await TryReadAsync();
            if (record?.FinishedAt is not null || DateTimeOffset.UtcNow > deadline)
            {
                return record ?? await RunRecordFile.ReadAsync(Tester.RunRecordPath!, TestContext.CancellationToken);
            }

            await Task.Delay(100, TestContext.CancellationToken);
        }
    }

    private async Task<RunRecord?> TryReadAsync()
    {
        try
        {
            return await RunRecordFile.ReadAsync(Tester.RunRecordPath!, TestContext.CancellationToken);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}

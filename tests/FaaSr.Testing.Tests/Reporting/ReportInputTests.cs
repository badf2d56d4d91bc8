using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting.Runs;
using FaaSr.Testing.Reporting.Trx;

namespace FaaSr.Testing.Tests.Reporting;

[TestClass]
public sealed class ReportInputTests
{
    [TestMethod]
    public async Task TheTrxReaderJoinsResultsWithTheirClassesAndMapsOutcomes()
    {
        var run = await TrxReader.ReadFileAsync(Path.Combine(ReportFixture.TestResults, "integration.trx"), CancellationToken.None);

        Assert.HasCount(5, run.Results);
        var failed = run.Results.Single(r => r.Outcome == TestOutcome.Failed);
        Assert.AreEqual("Sync2ReadsBothFiles", failed.Name);
        Assert.AreEqual("IntegrationTestWorkflowTests", failed.ShortClassName);
        Assert.AreEqual(TimeSpan.FromSeconds(4.51), failed.Duration);
        StringAssert.Contains(failed.Message, "expected: \"both <script>");
        Assert.AreEqual("RankFiveWritesItsFile", run.Results.Single(r => r.Outcome == TestOutcome.Skipped).Name);
        StringAssert.Contains(run.Results.Single(r => r.Name == "TheSuccessorOfTheFailureNeverRuns").StdOut, "removed 4 object(s)");
        Assert.IsNotNull(run.Start);
    }

    [TestMethod]
    public async Task AFileThatIsNotTrxIsRejectedWithItsName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"faasr-it-{Guid.NewGuid():N}.trx");
        await File.WriteAllTextAsync(path, "<TestRun><Results>");
        try
        {
            var exception = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => TrxReader.ReadFileAsync(path, CancellationToken.None));
            StringAssert.Contains(exception.Message, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void TodaysRecordReadsWithoutTheNewerFields()
    {
        var run = RecordedRunReader.Read(
            """{"workflowName":"W","invocationId":"i","invocationFolder":"FaaSrLog/W/t/i","profile":"local","startedAt":"2026-12-01T10:00:00.000Z","finishedAt":null,"functions":[{"name":"f(2)","status":"not_invoked","invokedAt":null,"startedAt":null,"finishedAt":null,"logKey":"k"}]}""",
            "r.json");

        Assert.IsNull(run.Compute);
        Assert.IsNull(run.FinishedAt);
        Assert.AreEqual(FunctionStatus.NotInvoked, run.Functions[0].Status);
        Assert.AreEqual("f", run.Functions[0].Action);
        Assert.AreEqual(2, run.Functions[0].Rank);
        Assert.IsEmpty(run.Functions[0].Transitions);
    }

    [TestMethod]
    public void TransitionsKeptForTheWholeRunAreGivenToTheirInstances()
    {
        var run = RecordedRunReader.Read(
            """{"workflowName":"W","invocationId":"i","startedAt":"2026-12-01T10:00:00Z","functions":[{"name":"f","status":"completed"}],"transitions":[{"instance":"f","from":"pending","to":"invoked","at":"2026-12-01T10:00:00.125Z","reason":"dispatched"}]}""",
            "r.json");

        Assert.HasCount(1, run.Functions[0].Transitions);
        Assert.AreEqual("invoked", run.Functions[0].Transitions[0].To);
        Assert.AreEqual(125, run.Functions[0].Transitions[0].At.Millisecond);
    }

    [TestMethod]
    public void ABadRecordNamesTheFileAndTheField()
    {
        var exception = Assert.ThrowsExactly<InvalidDataException>(() => RecordedRunReader.Read("""{"workflowName":"W","invocationId":"i","startedAt":"2026-12-01T10:00:00Z","functions":[{"name":"f","status":"done"}]}""", "runs/W-i.json"));

        Assert.AreEqual("Cannot read run record 'runs/W-i.json': 'functions[0].status' 'done' is not a status.", exception.Message);
    }
}

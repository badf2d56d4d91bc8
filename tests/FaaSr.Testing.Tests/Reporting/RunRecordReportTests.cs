using System.Net;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;
using FaaSr.Testing.Reporting;
using FaaSr.Testing.Tests.Sessions;
using FaaSr.Testing.Tests.Support;
using static FaaSr.Testing.Tests.Support.ProbeRepository;

namespace FaaSr.Testing.Tests.Reporting;

/// <summary>
/// From a run to the page: a tester run on a compute the test defines (local storage) writes its record with
/// RunRecordFile, and the report shows what that file holds: storage, compute, sources, the run's link, and per
/// instance its reason, invokers, link and transitions with milliseconds.
/// </summary>
[TestClass]
public sealed class RunRecordReportTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task TheReportShowsWhatTheRunRecordKeeps()
    {
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow(
            "Fan.json",
            "fan",
            null,
            new Probe("start", "writer", """["work(2)"]"""),
            new Probe("work", "ranked", """["join"]"""),
            new Probe("join", "writer", "[]"));
        var compute = new ScriptedCompute(async (run, token) =>
        {
            await run.Logs.CompleteAsync("start", token, "work(2)");
            await run.Logs.CompleteAsync("work(1)", token, "join");
            await run.Logs.CompleteAsync("work(2)", token, "join");
            await run.Logs.CompleteAsync("join", token);
        });

        string recordPath;
        var options = new WorkflowTesterOptions
        {
            RepositoryRoot = repository.Root,
            ComputeBackend = compute,
            PollInterval = TimeSpan.FromMilliseconds(200),
            Output = TextWriter.Null,
        };
        await using (var tester = await WorkflowTester.StartAsync(workflow, options, Cancellation))
        {
            await tester.AssertFunctionCompletedAsync("join", Cancellation);
            recordPath = tester.RunRecordPath!;
        }

        var record = await RunRecordFile.ReadAsync(recordPath, Cancellation);
        var join = record.Functions.Single(f => f.Name == "join");
        Assert.AreEqual("local|scripted", $"{record.Storage}|{record.Compute}");
        CollectionAssert.AreEquivalent(new[] { "work(1)", "work(2)" }, join.InvokedBy.ToArray());
        Assert.IsNotEmpty(join.Transitions);
        Assert.AreEqual(FunctionStatus.Completed, join.Transitions[^1].To);
        var html = WebUtility.HtmlDecode(await RenderAsync(repository));

        StringAssert.Contains(html, "<dt>Compute</dt><dd>scripted</dd>");
        StringAssert.Contains(html, "<dt>Storage</dt><dd>local</dd>");
        StringAssert.Contains(html, "<dt>Sources</dt><dd>FaaSr-Backend at /opt/FaaSr-Backend, commit 0123abc</dd>");
        StringAssert.Contains(html, $"href=\"{ScriptedCompute.PageRoot}/{record.InvocationId}\"");
        StringAssert.Contains(html, $"href=\"{join.RunUrl}\"");
        StringAssert.Contains(html, $"<span class=\"reason\">{join.Reason}</span>");
        StringAssert.Contains(html, "<p class=\"note\">invoked by work(1), work(2)</p>");
        foreach (var transition in join.Transitions)
        {
            var at = transition.At.UtcDateTime;
            var (from, to) = (transition.From.WireName, transition.To.WireName);
            StringAssert.Contains(html, $"<li>{at:HH:mm:ss.fff} {from} → {to} ({transition.Reason})</li>");
        }
    }

    private static async Task<string> RenderAsync(ProbeRepository repository)
    {
        var options = new ReportOptions
        {
            TestResultsFolder = Path.Combine(repository.Root, "artifacts", "test-results"),
            RunsFolder = Path.Combine(repository.Root, "artifacts", "runs"),
            OutputFile = Path.Combine(repository.Root, "artifacts", "report", "index.html"),
        };
        var outcome = await ReportGenerator.GenerateAsync(options, CancellationToken.None);
        return await File.ReadAllTextAsync(outcome.File);
    }
}

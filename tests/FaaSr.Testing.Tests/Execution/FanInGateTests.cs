using System.Text;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class FanInGateTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task OfManyConcurrentStartsOnlyTheFirstLineOfTheCandidateFileRuns()
    {
        await using var harness = await ExecutorHarness.CreateAsync("gate", Cancellation);
        var graph = harness.Workflow("""
            "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["work(8)"] },
            "work": { "FaaSServer": "GH", "FunctionName": "work", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """);
        await using var rpcServer = FunctionRpcServer.Start();
        await using var runtimes = new FunctionRuntimes(new UnavailableRuntime(FunctionLanguage.Python, "not used by the gate"), new UnavailableRuntime(FunctionLanguage.R, "not used by the gate"));
        var run = new LocalRunContext(
            graph, new InvocationIdentity("gate-test", "2026-01-01T00-00-00"), harness.Options(),
            new Dictionary<string, FunctionSource>(), runtimes, rpcServer, harness.Root);
        foreach (var work in graph.InstancesOf("work"))
        {
            await harness.Store.PutAsync(run.Folder.DoneKey(work), "True"u8.ToArray(), Cancellation);
            run.MarkCompletionWritten(work);
        }

        var decisions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => FanInGate.DecideAsync(run, "join", Cancellation)));

        var winners = decisions.Where(d => d.Runs).ToArray();
        Assert.HasCount(1, winners);
        var lines = Encoding.UTF8.GetString((await harness.Store.GetAsync(run.Folder.CandidateKey("join"), Cancellation))!)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(8, lines);
        Assert.AreEqual(winners[0].CandidateNumber, lines[0]);
        CollectionAssert.AreEquivalent(decisions.Select(d => d.CandidateNumber).ToArray(), lines);
    }

    [TestMethod]
    public async Task AStartStopsWithoutWritingWhileAPredecessorsDoneIsMissingInS3()
    {
        await using var harness = await ExecutorHarness.CreateAsync("gate-missing", Cancellation);
        var graph = harness.Workflow("""
            "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["a", "b"] },
            "a": { "FaaSServer": "GH", "FunctionName": "a", "Type": "Python", "InvokeNext": ["join"] },
            "b": { "FaaSServer": "GH", "FunctionName": "b", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """);
        await using var rpcServer = FunctionRpcServer.Start();
        await using var runtimes = new FunctionRuntimes(new UnavailableRuntime(FunctionLanguage.Python, "not used by the gate"), new UnavailableRuntime(FunctionLanguage.R, "not used by the gate"));
        var run = new LocalRunContext(
            graph, new InvocationIdentity("gate-missing", "2026-01-01T00-00-00"), harness.Options(),
            new Dictionary<string, FunctionSource>(), runtimes, rpcServer, harness.Root);
        await harness.Store.PutAsync(run.Folder.DoneKey(graph.Instance("a")), "True"u8.ToArray(), Cancellation);
        run.MarkCompletionWritten(graph.Instance("a"));
        run.MarkCompletionWritten(graph.Instance("b"));

        var decision = await FanInGate.DecideAsync(run, "join", Cancellation);

        Assert.IsFalse(decision.Runs);
        StringAssert.Contains(decision.StopReason, "Missing .done file for predecessor: b");
        Assert.IsFalse(await harness.Store.ExistsAsync(run.Folder.CandidateKey("join"), Cancellation));
    }

    [TestMethod]
    public async Task ADoneBeyondTheFirst1000KeysOfTheFolderIsNotSeenSoTheStartStopsAsInFaaSr()
    {
        await using var harness = await ExecutorHarness.CreateAsync("gate-page", Cancellation);
        var graph = harness.Workflow("""
            "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["a", "b"] },
            "a": { "FaaSServer": "GH", "FunctionName": "a", "Type": "Python", "InvokeNext": ["join"] },
            "b": { "FaaSServer": "GH", "FunctionName": "b", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """);
        await using var rpcServer = FunctionRpcServer.Start();
        await using var runtimes = new FunctionRuntimes(new UnavailableRuntime(FunctionLanguage.Python, "not used by the gate"), new UnavailableRuntime(FunctionLanguage.R, "not used by the gate"));
        var run = new LocalRunContext(
            graph, new InvocationIdentity("gate-page", "2026-01-01T00-00-00"), harness.Options(),
            new Dictionary<string, FunctionSource>(), runtimes, rpcServer, harness.Root);
        foreach (var name in new[] { "a", "b" })
        {
            await harness.Store.PutAsync(run.Folder.DoneKey(graph.Instance(name)), "True"u8.ToArray(), Cancellation);
            run.MarkCompletionWritten(graph.Instance(name));
        }

        // 1,000 keys that sort before F/function_completions/ fill FaaSr's one list page.
        await LocalExecutorCloudCrashTests.PutManyAsync(harness.Store, run.Folder.Prefix + "/a-filler-", 1000, Cancellation);

        var decision = await FanInGate.DecideAsync(run, "join", Cancellation);

        Assert.IsFalse(decision.Runs);
        StringAssert.Contains(decision.StopReason, "Missing .done file for predecessor: a");
    }
}

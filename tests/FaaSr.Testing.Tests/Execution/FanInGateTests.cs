using System.Text;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class FanInGateTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task OfManyConcurrentStartsOnlyTheFirstLineOfTheCandidateFileRuns()
    {
        await using var gate = await GateContext.CreateAsync("gate", """
            "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["work(8)"] },
            "work": { "FaaSServer": "GH", "FunctionName": "work", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """, Cancellation);
        foreach (var work in gate.Graph.InstancesOf("work"))
        {
            await gate.CompleteAsync(work.Name, Cancellation);
        }

        var decisions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => FanInGate.DecideAsync(gate.Run, "join", Cancellation)));

        var winners = decisions.Where(d => d.Runs).ToArray();
        Assert.HasCount(1, winners);
        var lines = Encoding.UTF8.GetString((await gate.Store.GetAsync(gate.Run.Folder.CandidateKey("join"), Cancellation))!)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(8, lines);
        Assert.AreEqual(winners[0].CandidateNumber, lines[0]);
        CollectionAssert.AreEquivalent(decisions.Select(d => d.CandidateNumber).ToArray(), lines);
    }

    [TestMethod]
    public async Task AStartStopsWithoutWritingWhileAPredecessorsDoneIsMissingInS3()
    {
        await using var gate = await GateContext.CreateAsync("gate-missing", """
            "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["a", "b"] },
            "a": { "FaaSServer": "GH", "FunctionName": "a", "Type": "Python", "InvokeNext": ["join"] },
            "b": { "FaaSServer": "GH", "FunctionName": "b", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """, Cancellation);
        await gate.CompleteAsync("a", Cancellation);
        gate.Run.MarkCompletionWritten(gate.Graph.Instance("b"));

        var decision = await FanInGate.DecideAsync(gate.Run, "join", Cancellation);

        Assert.IsFalse(decision.Runs);
        StringAssert.Contains(decision.StopReason, "Missing .done file for predecessor: b");
        Assert.IsFalse(await gate.Store.ExistsAsync(gate.Run.Folder.CandidateKey("join"), Cancellation));
    }

    [TestMethod]
    public async Task ADoneBeyondTheFirst1000KeysOfTheFolderIsNotSeenSoTheStartStopsAsInFaaSr()
    {
        await using var gate = await GateContext.CreateAsync("gate-page", """
            "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["a", "b"] },
            "a": { "FaaSServer": "GH", "FunctionName": "a", "Type": "Python", "InvokeNext": ["join"] },
            "b": { "FaaSServer": "GH", "FunctionName": "b", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join", "Type": "Python" }
            """, Cancellation);
        await gate.CompleteAsync("a", Cancellation);
        await gate.CompleteAsync("b", Cancellation);

        // 1,000 keys that sort before F/function_completions/ fill FaaSr's one list page.
        await LocalExecutorCloudCrashTests.PutManyAsync(gate.Store, gate.Run.Folder.Prefix + "/a-filler-", 1000, Cancellation);

        var decision = await FanInGate.DecideAsync(gate.Run, "join", Cancellation);

        Assert.IsFalse(decision.Runs);
        StringAssert.Contains(decision.StopReason, "Missing .done file for predecessor: a");
    }

    /// <summary>
    /// What the gate decides with: a run context of <paramref name="actions"/> on a fresh bucket, with an RPC server and
    /// runtimes that no function uses (the gate only reads and writes S3).
    /// </summary>
    private sealed class GateContext : IAsyncDisposable
    {
        private readonly ExecutorHarness harness;
        private readonly FunctionRpcServer rpcServer;
        private readonly FunctionRuntimes runtimes;

        private GateContext(ExecutorHarness harness, WorkflowGraph graph, string invocationId)
        {
            this.harness = harness;
            Graph = graph;
            rpcServer = FunctionRpcServer.Start();
            runtimes = new FunctionRuntimes(new UnavailableRuntime(FunctionLanguage.Python, "not used by the gate"), new UnavailableRuntime(FunctionLanguage.R, "not used by the gate"));
            Run = new LocalRunContext(
                graph, new InvocationIdentity(invocationId, "2026-01-01T00-00-00"), harness.Options(), new Dictionary<string, FunctionSource>(), runtimes, rpcServer, harness.Root);
        }

        public WorkflowGraph Graph { get; }

        public LocalRunContext Run { get; }

        public IObjectStore Store => harness.Store;

        public static async Task<GateContext> CreateAsync(string name, string actions, CancellationToken cancellationToken)
        {
            var harness = await ExecutorHarness.CreateAsync(name, cancellationToken);
            return new GateContext(harness, harness.Workflow(actions), name);
        }

        /// <summary>The instance finished as FaaSr records it: its .done in S3, and the run knows it wrote it.</summary>
        public async Task CompleteAsync(string instance, CancellationToken cancellationToken)
        {
            await Store.PutAsync(Run.Folder.DoneKey(Graph.Instance(instance)), "True"u8.ToArray(), cancellationToken);
            Run.MarkCompletionWritten(Graph.Instance(instance));
        }

        public async ValueTask DisposeAsync()
        {
            await runtimes.DisposeAsync();
            await rpcServer.DisposeAsync();
            await harness.DisposeAsync();
        }
    }
}

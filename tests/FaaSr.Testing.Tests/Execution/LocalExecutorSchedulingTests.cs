using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class LocalExecutorSchedulingTests(TestContext testContext)
{
    private const string FanOut = """
        "entry": { "FaaSServer": "GH", "FunctionName": "entry", "Type": "Python", "InvokeNext": ["work(3)"] },
        "work": { "FaaSServer": "GH", "FunctionName": "work", "Type": "Python" }
        """;

    private const string Functions = """
        import time

        def entry():
            pass

        def work():
            time.sleep(0.4)
        """;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task AtMostMaxParallelismInstancesRunAtOnce()
    {
        await using var harness = await ExecutorHarness.CreateAsync("serial", Cancellation);
        harness.AddFile("f.py", Functions);

        var (_, result) = await harness.RunAsync(harness.Workflow(FanOut), Cancellation, o => o with { MaxParallelism = 1 });

        var spans = Spans(result);
        for (var i = 1; i < spans.Length; i++)
        {
            Assert.IsGreaterThanOrEqualTo(spans[i - 1].End, spans[i].Start, "With one slot, instances run one after another.");
        }
    }

    [TestMethod]
    public async Task IndependentInstancesRunInParallel()
    {
        await using var harness = await ExecutorHarness.CreateAsync("parallel", Cancellation);
        harness.AddFile("f.py", Functions);

        var (_, result) = await harness.RunAsync(harness.Workflow(FanOut), Cancellation, o => o with { MaxParallelism = 3 });

        var spans = Spans(result);
        Assert.IsTrue(spans.Skip(1).Any(s => s.Start < spans[0].End), "With three slots, the ranks overlap.");
    }

    [TestMethod]
    public async Task TheDispatchDelayPassesBetweenADispatchAndTheSuccessorsStart()
    {
        await using var harness = await ExecutorHarness.CreateAsync("delay", Cancellation);
        harness.AddFile("f.py", "def first():\n    pass\n\ndef second():\n    pass\n");
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python" }
            """);

        var (_, result) = await harness.RunAsync(graph, Cancellation, o => o with { DispatchDelay = TimeSpan.FromMilliseconds(700) });

        // Timers and the wall clock may disagree by a few milliseconds, hence the tolerance.
        var gap = result["second"].StartedAt!.Value - result["first"].CompletionWrittenAt!.Value;
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(680), gap);
    }

    [TestMethod]
    public async Task AMissingPythonInterpreterIsAnEnvironmentProblem()
    {
        await using var harness = await ExecutorHarness.CreateAsync("no-python", Cancellation);
        harness.AddFile("f.py", "def only():\n    pass\n");
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var error = await Assert.ThrowsExactlyAsync<ExecutionEnvironmentException>(
            () => new LocalExecutor(harness.Options(o => o with { PythonInterpreter = "/nonexistent/python3" })).StartAsync(graph, Cancellation));

        StringAssert.Contains(error.Message, "/nonexistent/python3");
        Assert.IsEmpty(await harness.KeysAsync(Cancellation));
    }

    private static (DateTimeOffset Start, DateTimeOffset End)[] Spans(LocalRunResult result)
    {
        Assert.IsTrue(result.Instances.All(i => i.State == InstanceState.Completed), string.Join("\n", result.Instances));
        return result.Instances
            .Where(i => i.Instance.Action == "work")
            .Select(i => (i.StartedAt!.Value, i.FinishedAt!.Value))
            .OrderBy(s => s.Item1)
            .ToArray();
    }
}

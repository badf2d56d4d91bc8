using System.Text.RegularExpressions;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed partial class LocalExecutorChainTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow(true, DisplayName = "forked from the fork server")]
    [DataRow(false, DisplayName = "fresh interpreters")]
    public async Task APlainChainRunsEveryActionAndLeavesFaaSrsObjects(bool forkServer)
    {
        await using var harness = await ExecutorHarness.CreateAsync("chain", Cancellation);
        harness.AddFile("first.py", """
            from FaaSr_py.client.py_client_stubs import faasr_put_file, faasr_log, faasr_invocation_id

            def first(folder):
                faasr_log(f"Using invocation ID: {faasr_invocation_id()}")
                with open("data.txt", "w") as f:
                    f.write("hello")
                faasr_put_file(local_file="data.txt", remote_file="data.txt", remote_folder=f"{folder}/{faasr_invocation_id()}")
            """);
        harness.AddFile("second.py", """
            from FaaSr_py.client.py_client_stubs import faasr_invocation_id

            def second(folder):
                faasr_get_file(local_file="copy.txt", remote_file="data.txt", remote_folder=f"{folder}/{faasr_invocation_id()}")
                with open("copy.txt") as f:
                    faasr_log("second read " + f.read())
                return True
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "Arguments": { "folder": "out" }, "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python", "Arguments": { "folder": "out" } }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { UsePythonForkServer = forkServer });

        Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
        Assert.AreEqual(InstanceState.Completed, result["second"].State, result["second"].Reason);
        var expected = ExecutorHarness.ExpectedKeys(run, ["first", "second"], ["first", "second"], $"out/{run.InvocationId}/data.txt");
        CollectionAssert.AreEquivalent(expected.ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        Assert.AreEqual("True", await harness.TextAsync(run.Folder.DoneKey(graph.Instance("first")), Cancellation));

        var firstLog = await harness.LogAsync(run, "first", Cancellation);
        testContext.WriteLine(firstLog);
        Assert.MatchesRegex(LogLine(), firstLog.Split('\n')[0], "The log starts with a timestamped entry.");
        StringAssert.Contains(firstLog, "[INFO] [executor.py] Starting function: first (Python)");
        StringAssert.Contains(firstLog, $"\nUsing invocation ID: {run.InvocationId}\n");
        StringAssert.Contains(firstLog, "[INFO] [scheduler.py] GitHub Action: Successfully invoked: second");
        Assert.DoesNotContain("[ERROR]", firstLog);

        var secondLog = await harness.LogAsync(run, "second", Cancellation);
        StringAssert.Contains(secondLog, "\nsecond read hello\n");
        StringAssert.Contains(secondLog, "[INFO] [scheduler.py] no triggers for second");
        Assert.MatchesRegex(InvocationFolderPattern(), run.Folder.Prefix);
    }

    [TestMethod]
    public async Task UserLogTextIsRawAndFollowsTheEntryBeforeTheRequest()
    {
        await using var harness = await ExecutorHarness.CreateAsync("rawlog", Cancellation);
        harness.AddFile("only.py", """
            def only():
                faasr_log("line one\nline two")
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, _) = await harness.RunAsync(graph, Cancellation);

        var lines = (await harness.LogAsync(run, "only", Cancellation)).Split('\n');
        var raw = Array.IndexOf(lines, "line one");
        Assert.IsGreaterThan(0, raw, "The user text is in the log, unprefixed.");
        Assert.AreEqual("line two", lines[raw + 1]);
        Assert.MatchesRegex(LogLine(), lines[raw - 1], "The raw text follows a timestamped entry.");
        StringAssert.EndsWith(lines[raw + 2], "[INFO] [faasr_server.py] Processing request: faasr_log");
    }

    [GeneratedRegex(@"^\[\d+\.\d{1,3}\] \[(DEBUG|INFO|WARNING|ERROR)\] \[[a-z_]+\.py\] ")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"^FaaSrLog/LocalTest/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex InvocationFolderPattern();
}

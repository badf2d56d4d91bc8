using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>
/// faasr-it monitor attaches to an invocation another faasr-it runs (or ran) against a real s3rver, and shows, records
/// and exits as run does.
/// </summary>
[TestClass]
public sealed class MonitorCommandTests
{
    private string root = string.Empty;
    private string store = string.Empty;
    private string endpoint = string.Empty;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        root = Directory.CreateTempSubdirectory("faasr-it-monitor-cli-").FullName;
        store = "Mon" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable($"{store}_AccessKey", "S3RVER");
        Environment.SetEnvironmentVariable($"{store}_SecretKey", "S3RVER");
        endpoint = (await SharedS3.GetConnectionAsync(TestContext.CancellationToken)).ServiceUrl!.ToString();
    }

    [TestCleanup]
    public void Clean()
    {
        Environment.SetEnvironmentVariable($"{store}_AccessKey", null);
        Environment.SetEnvironmentVariable($"{store}_SecretKey", null);
        Directory.Delete(root, recursive: true);
    }

    [TestMethod]
    public async Task AFinishedRunIsReadAndConcludedWithTheSameRecordAndExitCode()
    {
        var id = "finished-" + Guid.NewGuid().ToString("N")[..8];
        var workflow = WriteWorkflow("Attach", id, "def first():\n    print('first ran')\n", "def second():\n    print('second ran')\n");
        var ran = await InProcessCli.RunAsync("run", workflow, "--plain", "--s3-endpoint", endpoint);
        Assert.AreEqual(ExitCodes.Success, ran.ExitCode, ran.Output + ran.Error);
        var record = Path.Combine(root, "monitor.json");

        var watched = await InProcessCli.RunAsync("monitor", workflow, "--invocation-id", id, "--s3-endpoint", endpoint, "--plain", "--record", record);

        Assert.AreEqual(ExitCodes.Success, watched.ExitCode, watched.Output + watched.Error);
        StringAssert.Contains(watched.Output, $"Workflow Attach: InvocationID {id}, log folder FaaSrLog/Attach/");
        StringAssert.Contains(watched.Output, "(endpoint) finished in ");
        StringAssert.Contains(watched.Output, ": 2 completed");
        var written = await RunRecordFile.ReadAsync(record, TestContext.CancellationToken);
        Assert.AreEqual(id, written.InvocationId);
        Assert.IsNotNull(written.FinishedAt);
        Assert.IsTrue(written.Functions.All(f => f.Status == FunctionStatus.Completed));
        StringAssert.Contains(File.ReadAllText(Path.Combine(Path.ChangeExtension(record, null), "logs", "second.txt")), "Starting function: second", "the logs are kept beside the record");
    }

    [TestMethod]
    public async Task AFinishedFailedRunGivesExitOneAndTheFailedFunctionsLog()
    {
        var id = "failed-" + Guid.NewGuid().ToString("N")[..8];
        var workflow = WriteWorkflow("AttachFail", id, "def first():\n    print('first ran')\n", "def second():\n    raise ValueError('second broke')\n");
        var ran = await InProcessCli.RunAsync("run", workflow, "--plain", "--s3-endpoint", endpoint);
        Assert.AreEqual(ExitCodes.WorkflowFailed, ran.ExitCode, ran.Output + ran.Error);

        var watched = await InProcessCli.RunAsync("monitor", workflow, "--invocation-id", id, "--s3-endpoint", endpoint, "--plain", "--stream-logs");

        Assert.AreEqual(ExitCodes.WorkflowFailed, watched.ExitCode, watched.Output + watched.Error);
        StringAssert.Contains(watched.Output, "[second] ValueError: second broke", "--stream-logs prints a finished run's logs too");
        StringAssert.Contains(watched.Error, "second: failed");
        StringAssert.Contains(watched.Error, "ValueError: second broke");
    }

    [TestMethod]
    public async Task ALiveRunIsWatchedUntilItEnds()
    {
        var id = "live-" + Guid.NewGuid().ToString("N")[..8];
        var workflow = WriteWorkflow("AttachLive", id, "def first():\n    print('first ran')\n", "import time\n\ndef second():\n    time.sleep(4)\n    print('second ran')\n");
        var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        using var run = CliProcess.Start(root, temporary, "run", workflow, "--plain", "--s3-endpoint", endpoint);
        await WaitForAsync(() => run.Output.Contains("second: pending -> running", StringComparison.Ordinal) || run.Output.Contains("second: invoked -> running", StringComparison.Ordinal), run);

        var watched = await InProcessCli.RunAsync("monitor", workflow, "--invocation-id", id, "--s3-endpoint", endpoint, "--plain");

        Assert.AreEqual(ExitCodes.Success, watched.ExitCode, watched.Output + watched.Error);
        StringAssert.Contains(watched.Output, "second: running -> completed", "it saw second still running, then completing");
        Assert.AreEqual(ExitCodes.Success, await run.WaitForExitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken), run.Output + run.Error);
    }

    [TestMethod]
    public async Task AnInvocationThatIsNotThereIsBadInputNamingWhereItLooked()
    {
        var workflow = WriteWorkflow("AttachNone", "unused", "def first():\n    pass\n", "def second():\n    pass\n");

        var watched = await InProcessCli.RunAsync("monitor", workflow, "--invocation-id", "no-such-id", "--s3-endpoint", endpoint, "--plain");

        Assert.AreEqual(ExitCodes.BadInput, watched.ExitCode, watched.Output + watched.Error);
        StringAssert.Contains(watched.Error, "No invocation 'no-such-id' of workflow 'AttachNone'");
        StringAssert.Contains(watched.Error, "FaaSrLog/AttachNone/");
    }

    [TestMethod]
    public async Task TheLocalStorageIsRefusedSayingWhy()
    {
        var workflow = WriteWorkflow("AttachLocal", "unused", "def first():\n    pass\n", "def second():\n    pass\n");

        var watched = await InProcessCli.RunAsync("monitor", workflow, "--invocation-id", "x", "--storage", "local");

        Assert.AreEqual(ExitCodes.BadInput, watched.ExitCode);
        StringAssert.Contains(watched.Error, "holds no invocation to watch");
    }

    private async Task WaitForAsync(Func<bool> condition, CliProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, $"timed out waiting. Output:\n{process.Output}\nError:\n{process.Error}");
            await Task.Delay(100, TestContext.CancellationToken);
        }
    }

    private string WriteWorkflow(string name, string invocationId, string first, string second)
    {
        Directory.CreateDirectory(Path.Combine(root, "functions", name));
        File.WriteAllText(Path.Combine(root, "functions", name, "first.py"), first);
        File.WriteAllText(Path.Combine(root, "functions", name, "second.py"), second);
        var path = Path.Combine(root, "workflows", name + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var workflow = PythonChainWorkflow.Create(name, ["first", "second"], store, SharedS3.UniqueBucketName(name));
        workflow["InvocationID"] = invocationId;
        File.WriteAllText(path, workflow.ToJsonString());
        return path;
    }
}

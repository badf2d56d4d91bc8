using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>Nothing readable is thrown away: every run keeps its logs under artifacts/runs, and --stream-logs prints them as they come.</summary>
[TestClass]
public sealed class RunLogsTests
{
    private string root = string.Empty;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("faasr-it-run-logs-").FullName;

    [TestCleanup]
    public void RemoveFolder() => Directory.Delete(root, recursive: true);

    [TestMethod]
    public async Task StreamLogsPrintsEveryLogLineAsItArrivesPrefixedByItsInstance()
    {
        var workflow = Write(
            "StreamLogs",
            "from FaaSr_py.client.py_client_stubs import faasr_log\n\ndef first():\n    faasr_log('hello from first')\n",
            "def second():\n    raise ValueError('line one\\nline two')\n");

        var result = await InProcessCli.RunAsync("run", workflow, "--local", "--plain", "--stream-logs", "--runs", Path.Combine(root, "runs"));

        Assert.AreEqual(ExitCodes.WorkflowFailed, result.ExitCode, result.Output + result.Error);
        var lines = result.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.IsTrue(lines.Any(l => l == "[first] hello from first"), result.Output);
        Assert.IsTrue(lines.Any(l => l.StartsWith("[second] ", StringComparison.Ordinal) && l.Contains("ValueError: line one", StringComparison.Ordinal)), result.Output);
        Assert.IsTrue(lines.Any(l => l == "[second] line two"), "each line of a multi-line entry carries the prefix:\n" + result.Output);
        var firstLog = Array.FindIndex(lines, l => l.EndsWith("hello from first", StringComparison.Ordinal));
        var firstDone = Array.FindIndex(lines, l => l.Contains("first: ", StringComparison.Ordinal) && l.EndsWith("completed", StringComparison.Ordinal));
        Assert.IsLessThan(firstDone, firstLog, "the log line is printed while the run goes on, not after it:\n" + result.Output);
    }

    [TestMethod]
    public async Task AGreenRunKeepsItsRecordAndEveryLogInTheRunsFolder()
    {
        var workflow = Write("KeepsLogs", "def first():\n    pass\n", "def second():\n    pass\n");
        var runs = Path.Combine(root, "runs");

        var result = await InProcessCli.RunAsync("run", workflow, "--local", "--plain", "--runs", runs);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        var record = Directory.GetFiles(runs, "KeepsLogs-*.json").Single();
        var logs = Path.Combine(Path.ChangeExtension(record, null), "logs");
        StringAssert.Contains(File.ReadAllText(Path.Combine(logs, "first.txt")), "Starting function: first");
        StringAssert.Contains(File.ReadAllText(Path.Combine(logs, "second.txt")), "Starting function: second");
        StringAssert.Contains(result.Error, $"Run record and logs kept in {record}");
    }

    [TestMethod]
    public async Task WithoutRunsTheLogsGoToArtifactsRunsOfTheCurrentFolderOutsideARepository()
    {
        var workflow = Write("DefaultRuns", "def first():\n    pass\n", "def second():\n    pass\n");
        var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;

        using var cli = CliProcess.Start(root, temporary, "run", workflow, "--local", "--plain");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(120), TestContext.CancellationToken);

        Assert.AreEqual(ExitCodes.Success, exitCode, cli.Output + cli.Error);
        var record = Directory.GetFiles(Path.Combine(root, "artifacts", "runs"), "DefaultRuns-*.json").Single();
        Assert.IsTrue(File.Exists(Path.Combine(Path.ChangeExtension(record, null), "logs", "second.txt")));
    }

    private string Write(string name, string first, string second)
    {
        Directory.CreateDirectory(Path.Combine(root, "functions", name));
        File.WriteAllText(Path.Combine(root, "functions", name, "first.py"), first);
        File.WriteAllText(Path.Combine(root, "functions", name, "second.py"), second);
        var path = Path.Combine(root, "workflows", name + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, PythonChainWorkflow.Create(name, ["first", "second"]).ToJsonString());
        return path;
    }
}

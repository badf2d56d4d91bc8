using System.Globalization;
using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>
/// faasr-it run stopped by a terminal's Ctrl-C (SIGINT to its whole process group, Python processes included) or by
/// SIGTERM while a function and a process it started run: nothing it started survives, no temporary folder is left.
/// </summary>
[TestClass]
public sealed class RunCommandSignalTests(TestContext testContext)
{
    private const string Functions = """
        import os
        import subprocess
        import time

        def first(folder):
            pass

        def second(folder):
            child = subprocess.Popen(["sleep", "300"])
            with open(os.path.join(folder, "pids.tmp"), "w") as f:
                f.write(f"{os.getpid()} {child.pid}")
            os.replace(os.path.join(folder, "pids.tmp"), os.path.join(folder, "pids"))
            time.sleep(300)
        """;

    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a killed process may take to be gone from the process table.</summary>
    private static readonly TimeSpan ProcessGoneLimit = TimeSpan.FromSeconds(10);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow("INT", true, DisplayName = "Ctrl-C in a terminal (SIGINT to the process group)")]
    [DataRow("TERM", false, DisplayName = "SIGTERM to faasr-it")]
    public async Task ASignalWhileAFunctionRunsLeavesNoProcessAndNoTemporaryFolder(string signal, bool toProcessGroup)
    {
        var root = Directory.CreateTempSubdirectory("faasr-it-signal-").FullName;
        int[] pids = [];
        try
        {
            var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
            Directory.CreateDirectory(Path.Combine(root, "workflows"));
            Directory.CreateDirectory(Path.Combine(root, "functions", "Sleep"));
            await File.WriteAllTextAsync(Path.Combine(root, "workflows", "Sleep.json"), WorkflowJson(root), Cancellation);
            await File.WriteAllTextAsync(Path.Combine(root, "functions", "Sleep", "f.py"), Functions, Cancellation);
            using var cli = CliProcess.StartAsProcessGroupLeader(root, temporary, "run", "workflows/Sleep.json", "--local", "--plain");
            pids = await WaitForPidsAsync(Path.Combine(root, "pids"));

            await cli.SignalAsync(signal, toProcessGroup, Cancellation);
            var exitCode = await cli.WaitForExitAsync(StopLimit, Cancellation);

            Assert.AreEqual(ExitCodes.Interrupted, exitCode, cli.Output + cli.Error);
            StringAssert.Contains(cli.Error, "run: interrupted");
            Assert.DoesNotContain("   at ", cli.Error, "No stack trace.");
            foreach (var pid in pids)
            {
                Assert.IsTrue(
                    await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(pid), ProcessGoneLimit, Cancellation),
                    $"Process {pid} of the running function outlived faasr-it.");
            }

            Assert.IsTrue(
                await ProcessProbe.EventuallyAsync(() => ProcessesNaming(temporary).Length == 0, ProcessGoneLimit, Cancellation),
                "Processes of the run still running: " + string.Join("; ", ProcessesNaming(temporary)));
            Assert.IsEmpty(Directory.GetFileSystemEntries(temporary), "Temporary files left: " + string.Join(", ", Directory.GetFileSystemEntries(temporary)));
        }
        finally
        {
            // A failed test must not leave the function's processes running either.
            foreach (var pid in pids.Where(ProcessProbe.IsAlive))
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private async Task<int[]> WaitForPidsAsync(string pidFile)
    {
        Assert.IsTrue(await ProcessProbe.EventuallyAsync(() => File.Exists(pidFile), TimeSpan.FromSeconds(60), Cancellation), "The second function never started.");
        return (await File.ReadAllTextAsync(pidFile, Cancellation)).Split(' ').Select(pid => int.Parse(pid, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Command lines of live processes naming <paramref name="path"/>: s3rver (its data folder), the fork server (the run folder).</summary>
    private static string[] ProcessesNaming(string path) =>
        Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, CultureInfo.InvariantCulture, out var pid) && ProcessProbe.IsAlive(pid))
            .Select(name =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{name}/cmdline").Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return string.Empty;
                }
            })
            .Where(commandLine => commandLine.Contains(path, StringComparison.Ordinal))
            .ToArray();

    private static string WorkflowJson(string folder)
    {
        var workflow = PythonChainWorkflow.Create("Sleep", ["first", "second"]);
        foreach (var action in workflow["ActionList"]!.AsObject())
        {
            action.Value!["Arguments"] = new JsonObject { ["folder"] = folder };
        }

        return workflow.ToJsonString();
    }
}

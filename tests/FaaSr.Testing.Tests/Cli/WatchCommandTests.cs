using System.Diagnostics;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

[TestClass]
public sealed class WatchCommandTests(TestContext testContext)
{
    /// <summary>
    /// A child that prints a line, records a run of workflow W (function f running, then completed and finished) the
    /// way run records are written (a temporary file, then a rename), and exits 7.
    /// </summary>
    private const string RecordingChild = """
        import json, os, sys, time
        runs = sys.argv[1]
        def write(status, finished):
            record = {"workflowName": "W", "invocationId": "abc12345-0000", "invocationFolder": "FaaSrLog/W/t/abc12345-0000",
                      "profile": "local", "startedAt": "2026-01-01T00:00:00.000Z", "finishedAt": finished,
                      "functions": [{"name": "f", "status": status, "invokedAt": None, "startedAt": None, "finishedAt": None, "logKey": "k"}]}
            with open(os.path.join(runs, ".W.tmp"), "w") as f:
                json.dump(record, f)
            os.replace(os.path.join(runs, ".W.tmp"), os.path.join(runs, "W-abc12345-0000.json"))
        print("child says hello", flush=True)
        write("running", None)
        time.sleep(0.8)
        write("completed", "2026-01-01T00:00:02.000Z")
        time.sleep(0.8)
        sys.exit(7)
        """;

    private string runs = "";

    [TestInitialize]
    public void CreateRunsFolder() => runs = Directory.CreateTempSubdirectory("faasr-it-watch-").FullName;

    [TestCleanup]
    public void DeleteRunsFolder() => Directory.Delete(runs, recursive: true);

    [TestMethod]
    public async Task PlainLinesShowTheChildsOutputAndEachStatusChangeAndTheExitCodeIsTheChilds()
    {
        var stale = Path.Combine(runs, "Old-run.json");
        await File.WriteAllTextAsync(stale, "{}");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));

        var result = await InProcessCli.RunAsync("watch", "--runs", runs, "--plain", "--", "python3", "-c", RecordingChild, runs);

        Assert.AreEqual(7, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Output, "child says hello");
        StringAssert.Contains(result.Output, "[faasr-it] W abc12345 (local): watching 1 function instance,");
        StringAssert.Contains(result.Output, "[faasr-it] W abc12345 f: running -> completed");
        StringAssert.Contains(result.Output, "[faasr-it] W abc12345 (local) finished in 2.0 s: 1 completed");
        Assert.DoesNotContain("Old", result.Output, "Records written before the watch began are not shown.");
    }

    [TestMethod]
    public async Task TheProfileReachesTheChildAsItsSetting()
    {
        var result = await InProcessCli.RunAsync("watch", "--runs", runs, "--plain", "--env", "CLOUD", "--", "python3", "-c", "import os; print('profile=' + os.environ['FAASR_IT_PROFILE'])");

        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, "profile=cloud");
    }

    [TestMethod]
    public async Task ACommandThatCannotStartGivesExitThree()
    {
        var result = await InProcessCli.RunAsync("watch", "--runs", runs, "--plain", "--", Path.Combine(runs, "no-such-program"));

        Assert.AreEqual(ExitCodes.EnvironmentProblem, result.ExitCode);
        StringAssert.Contains(result.Error, "cannot start");
    }

    [TestMethod]
    public async Task WatchKilledWithSigkillTakesItsCommandWithIt()
    {
        // The real faasr-it: SIGKILL ends watch without running any of its code, so only the kernel can end the command.
        var pidFile = Path.Combine(runs, "command.pid");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "faasr-it"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["watch", "--plain", "--runs", runs, "--", "sh", "-c", $"printf %s $$ > '{pidFile}'; exec sleep 60"])
        {
            start.ArgumentList.Add(argument);
        }

        using var watch = Process.Start(start)!;
        var command = 0;
        try
        {
            command = await ProcessProbe.WaitForPidFileAsync(pidFile, TimeSpan.FromSeconds(60), testContext.CancellationToken);
            watch.Kill();
            await watch.WaitForExitAsync(testContext.CancellationToken);

            Assert.IsTrue(
                await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsAlive(command), TimeSpan.FromSeconds(5), testContext.CancellationToken),
                $"The command (pid {command}) outlived watch, which was killed with SIGKILL.");
        }
        finally
        {
            if (!watch.HasExited)
            {
                watch.Kill(entireProcessTree: true);
            }

            if (command > 0 && ProcessProbe.IsAlive(command))
            {
                using var leftover = Process.GetProcessById(command);
                leftover.Kill();
            }
        }
    }

    [TestMethod]
    [DataRow(new[] { "watch", "--plain" }, "give the command to run after --", DisplayName = "no command")]
    [DataRow(new[] { "watch", "--env", "staging", "--", "true" }, "Unknown profile 'staging'", DisplayName = "unknown profile")]
    public async Task BadArgumentsGiveExitTwo(string[] args, string message)
    {
        var result = await InProcessCli.RunAsync(args);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        StringAssert.Contains(result.Error, message);
    }
}

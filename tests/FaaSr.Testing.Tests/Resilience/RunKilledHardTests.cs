using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// A faasr-it killed with SIGKILL runs none of its own clean-up, yet what its functions started must end with it
/// (red-team finding F11): the function itself, a daemon that double-forked and called setsid (a forked Python process
/// that never executed a program, so it does not even carry the run's marker in /proc/PID/environ), and the program
/// that daemon started in yet another session.
/// </summary>
[TestClass]
public sealed class RunKilledHardTests(TestContext testContext)
{
    private static readonly TimeSpan GoneDeadline = TimeSpan.FromSeconds(10);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task ARunKilledWithSigkillLeavesNoProcessOfItsFunctionsAlive()
    {
        var root = Directory.CreateTempSubdirectory("faasr-it-kill9-").FullName;
        var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
        var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
        var pids = Directory.CreateDirectory(Path.Combine(root, "pids")).FullName;
        WriteWorkflow(work, pids);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "faasr-it"))
        {
            WorkingDirectory = work,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TMPDIR"] = temporary;
        foreach (var argument in (string[])["run", "workflows/Daemon.json", "--local", "--plain", "--timeout", "200"])
        {
            start.ArgumentList.Add(argument);
        }

        var faasrIt = Process.Start(start)!;
        var marker = string.Create(CultureInfo.InvariantCulture, $"FAASR_IT_RUN={faasrIt.Id}:");
        var started = new List<int>();
        try
        {
            var output = faasrIt.StandardOutput.ReadToEndAsync(Cancellation);
            var error = faasrIt.StandardError.ReadToEndAsync(Cancellation);
            var exited = faasrIt.WaitForExitAsync(Cancellation);
            foreach (var name in (string[])["function", "daemon", "sleeper"])
            {
                var pid = ProcessProbe.WaitForPidFileAsync(Path.Combine(pids, name), TimeSpan.FromSeconds(120), Cancellation);
                if (await Task.WhenAny(pid, exited) == exited)
                {
                    Assert.Fail($"faasr-it ended (exit {faasrIt.ExitCode}) before the {name} started:\n{await output}{await error}");
                }

                started.Add(await pid);
            }

            Assert.IsNotEmpty(MarkedProcesses(marker), "The sleeper the daemon started carries the run's marker.");
            faasrIt.Kill();
            await faasrIt.WaitForExitAsync(Cancellation);
            testContext.WriteLine($"killed faasr-it {faasrIt.Id} with the function, daemon and sleeper {string.Join(", ", started)} running");

            var gone = await ProcessProbe.EventuallyAsync(
                () => started.All(pid => !ProcessProbe.IsAlive(pid)) && MarkedProcesses(marker).Count == 0, GoneDeadline, Cancellation);
            var said = await output + await error;
            Assert.IsTrue(gone, string.Create(CultureInfo.InvariantCulture,
                $"Alive {GoneDeadline.TotalSeconds:0} s after faasr-it was killed: {string.Join(", ", started.Where(ProcessProbe.IsAlive))} of function, daemon, sleeper {string.Join(", ", started)}; "
                + $"marked: {string.Join(", ", MarkedProcesses(marker))}\n{said}"));
        }
        finally
        {
            if (!faasrIt.HasExited)
            {
                faasrIt.Kill(entireProcessTree: true);
            }

            // Whatever is left of this run (the functions, the local S3 server) was started with this TMPDIR.
            foreach (var pid in started.Concat(MarkedProcesses(marker)).Concat(MarkedProcesses($"TMPDIR={temporary}")).Where(ProcessProbe.IsAlive).Distinct())
            {
                try
                {
                    using var leftover = Process.GetProcessById(pid);
                    leftover.Kill();
                }
                catch (ArgumentException)
                {
                    // Gone meanwhile.
                }
            }

            faasrIt.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Live processes whose environment (as it was when they executed their program) has an entry starting with <paramref name="prefix"/>.</summary>
    private static List<int> MarkedProcesses(string prefix)
    {
        var wanted = Encoding.UTF8.GetBytes(prefix);
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            byte[] environ;
            try
            {
                environ = File.ReadAllBytes(Path.Combine(folder, "environ"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            ReadOnlySpan<byte> entries = environ;
            foreach (var range in entries.Split((byte)0))
            {
                if (entries[range].StartsWith(wanted) && ProcessProbe.IsAlive(pid))
                {
                    found.Add(pid);
                    break;
                }
            }
        }

        return found;
    }

    private static void WriteWorkflow(string work, string pids)
    {
        var workflow = new JsonObject
        {
            ["WorkflowName"] = "Daemon",
            ["FunctionInvoke"] = "daemonize",
            ["DefaultDataStore"] = "S3",
            ["LoggingDataStore"] = "S3",
            ["FaaSrLog"] = "FaaSrLog",
            ["ComputeServers"] = new JsonObject
            {
                ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "u", ["ActionRepoName"] = "r", ["Branch"] = "main", ["UseSecretStore"] = true },
            },
            ["DataStores"] = new JsonObject { ["S3"] = new JsonObject { ["Bucket"] = "daemon-bucket", ["Region"] = "us-east-1" } },
            ["ActionList"] = new JsonObject
            {
                ["daemonize"] = new JsonObject
                {
                    ["FaaSServer"] = "GH", ["FunctionName"] = "daemonize", ["Type"] = "Python", ["Arguments"] = new JsonObject { ["pids"] = pids },
                },
            },
            ["FunctionGitRepo"] = new JsonObject { ["daemonize"] = "owner/repo/functions/Daemon" },
        };
        Directory.CreateDirectory(Path.Combine(work, "workflows"));
        File.WriteAllText(Path.Combine(work, "workflows", "Daemon.json"), workflow.ToJsonString());
        Directory.CreateDirectory(Path.Combine(work, "functions", "Daemon"));
        File.WriteAllText(Path.Combine(work, "functions", "Daemon", "daemon.py"), """
            import os
            import subprocess
            import time


            def note(pids, name, pid):
                with open(os.path.join(pids, name + ".tmp"), "w") as out:
                    out.write(str(pid))
                os.replace(os.path.join(pids, name + ".tmp"), os.path.join(pids, name))


            def daemonize(pids):
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        sleeper = subprocess.Popen(["sleep", "300"], start_new_session=True)
                        note(pids, "sleeper", sleeper.pid)
                        note(pids, "daemon", os.getpid())
                        time.sleep(300)
                    os._exit(0)
                note(pids, "function", os.getpid())
                time.sleep(300)
            """);
    }
}

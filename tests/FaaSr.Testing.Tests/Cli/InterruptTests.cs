using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;
using static FaaSr.Testing.Tests.Support.ProbeRepository;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>Ctrl-C (SIGINT) sent to a real faasr-it process: it stops what it started, says so and exits 130.</summary>
[TestClass]
public sealed class InterruptTests(TestContext testContext)
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a killed process may take to be gone from the process table.</summary>
    private static readonly TimeSpan ProcessGoneLimit = TimeSpan.FromSeconds(10);

    /// <summary>Writes its pid, prints a line and exits 5 on SIGINT, else sleeps for two minutes.</summary>
    private const string InterruptibleChild = """
        import os, signal, sys, time
        def stop(signum, frame):
            print("child interrupted", flush=True)
            sys.exit(5)
        signal.signal(signal.SIGINT, stop)
        with open(sys.argv[1], "w") as f:
            f.write(str(os.getpid()))
        time.sleep(120)
        """;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task CtrlCDuringRunStopsTheFunctionsAndTheLocalS3ServerAndRemovesItsTemporaryFiles()
    {
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Sleepy.json", "probe-interrupt", null, new Probe("sleeper", "sleeper", "[]"));
        var temporary = Directory.CreateDirectory(Path.Combine(repository.Root, "tmp")).FullName;
        using var cli = CliProcess.Start(repository.Root, temporary, "run", workflow, "--local", "--plain");
        var function = await ProcessProbe.WaitForPidFileAsync(repository.PidFile, TimeSpan.FromSeconds(60), Cancellation);
        var children = cli.ChildProcessIds();
        Assert.IsNotEmpty(children, "s3rver and the Python fork server run under faasr-it.");

        await cli.InterruptAsync(Cancellation);
        var exitCode = await cli.WaitForExitAsync(StopLimit, Cancellation);

        Assert.AreEqual(ExitCodes.Interrupted, exitCode, cli.Output + cli.Error);
        StringAssert.Contains(cli.Error, "run: interrupted");
        StringAssert.Contains(cli.Output, "(local) finished in ");
        StringAssert.Contains(cli.Output, ": 1 skipped", "The sleeper was skipped on the interrupt.");
        AssertNoStackTrace(cli);
        foreach (var process in children.Append(function))
        {
            Assert.IsTrue(
                await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsRunning(process), ProcessGoneLimit, Cancellation),
                $"Process {process} (function {function}, children of faasr-it {string.Join(", ", children)}) still runs.");
        }

        var left = Directory.EnumerateFileSystemEntries(temporary, "faasr-it-*").ToArray();
        Assert.IsEmpty(left, $"Temporary files left behind: {string.Join(", ", left)}");
    }

    [TestMethod]
    public async Task CtrlCDuringWatchPassesTheInterruptToTheCommandAndWaitsForIt()
    {
        using var repository = new ProbeRepository();
        var temporary = Directory.CreateDirectory(Path.Combine(repository.Root, "tmp")).FullName;
        var pidFile = Path.Combine(repository.Root, "child.pid");
        using var cli = CliProcess.Start(
            repository.Root, temporary, "watch", "--runs", Path.Combine(repository.Root, "runs"), "--plain", "--", "python3", "-c", InterruptibleChild, pidFile);
        var child = await ProcessProbe.WaitForPidFileAsync(pidFile, TimeSpan.FromSeconds(60), Cancellation);

        await cli.InterruptAsync(Cancellation);
        var exitCode = await cli.WaitForExitAsync(StopLimit, Cancellation);

        Assert.AreEqual(ExitCodes.Interrupted, exitCode, cli.Output + cli.Error);
        StringAssert.Contains(cli.Output, "child interrupted", "The command got the interrupt and its last output was shown.");
        StringAssert.Contains(cli.Error, "watch: interrupted");
        AssertNoStackTrace(cli);
        Assert.IsTrue(await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsRunning(child), ProcessGoneLimit, Cancellation), "The command was stopped.");
    }

    private static void AssertNoStackTrace(CliProcess cli)
    {
        Assert.DoesNotContain("Unhandled exception", cli.Error);
        Assert.DoesNotContain("   at ", cli.Error, "No stack trace on an interrupt.");
    }
}

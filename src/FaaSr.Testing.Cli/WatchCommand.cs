using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using FaaSr.Testing.Cli.Views;
using FaaSr.Testing.Errors;
using FaaSr.Testing.Local;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Reporting.Trx;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it watch [--runs DIR] [--env local|cloud] [--trx DIR] [--plain] -- COMMAND [ARG...]</c>: runs the command (typically
/// <c>dotnet test</c> of the workflow tests) and, while it runs, shows the run records it writes to DIR: a live table
/// in a terminal, plain lines in logs. Its final summary judges each run by the outcomes of the command's tests (the
/// TRX files in --trx, default the command's --results-directory; <see cref="TestConclusion"/>). Exits with the command's exit code (3 when it cannot be started). Ctrl-C is
/// passed on to the command as SIGINT; it is killed, process tree and all, if it has not stopped after a grace period,
/// and the exit code is then 130. If watch itself is killed (SIGKILL), the command is killed with it where the machine
/// allows (<see cref="ParentBoundProcess"/>).
/// </summary>
internal static class WatchCommand
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long an interrupted command may take to stop (well within <see cref="CliApplication.StopTimeout"/>).</summary>
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(20);

    public static Command Create()
    {
        var runs = new Option<string?>("--runs")
        {
            Description = "Folder of the run records to show (default: artifacts/runs of the repository, else of the current folder).",
        };
        var profile = new Option<string?>("--env")
        {
            Description = $"Profile for the command, passed as {ProfileNames.Variable}: local or cloud.",
        };
        var trx = new Option<string?>("--trx")
        {
            Description = "Folder of the TRX files the command writes (default: its --results-directory); the final summary reads the tests' outcomes there.",
        };
        var plain = new Option<bool>("--plain")
        {
            Description = "Plain lines even in an interactive terminal.",
        };
        var commandLine = new Argument<string[]>("COMMAND")
        {
            Description = "The command to run and its arguments, after --.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("watch", "Run a command (e.g. dotnet test) and show the workflow runs it records, live.")
        {
            runs,
            profile,
            trx,
            plain,
            commandLine,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(commandLine) ?? [],
            parseResult.GetValue(runs),
            parseResult.GetValue(profile),
            parseResult.GetValue(trx),
            parseResult.GetValue(plain),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        IReadOnlyList<string> commandLine,
        string? runsFolder,
        string? profile,
        string? trxFolder,
        bool plain,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (commandLine.Count == 0)
        {
            await error.WriteLineAsync("watch: give the command to run after --, e.g. faasr-it watch -- dotnet test tests/FaaSr.IntegrationTests");
            return ExitCodes.BadInput;
        }

        if (profile is not null)
        {
            ProfileNames.Parse(profile);
        }

        var folder = runsFolder ?? RepositoryLayout.FindFromHereOrCurrentFolder().RunsFolder;

        var startedAt = DateTime.UtcNow;
        var records = new RunRecordFolder(folder, startedAt);
        var results = trxFolder ?? ResultsDirectoryOf(commandLine);
        using var child = new Process { StartInfo = StartInfo(commandLine, profile) };
        int exitCode;
        string? interruption = null;
        await using (var view = RunViews.Create(plain, output))
        {
            child.OutputDataReceived += (_, e) => Forward(view, e.Data);
            child.ErrorDataReceived += (_, e) => Forward(view, e.Data);
            try
            {
                // Killed with SIGKILL, watch cannot stop the command itself: on Linux the kernel does.
                ParentBoundProcess.Start(child);
            }
            catch (Win32Exception exception)
            {
                throw new EnvironmentProblemException($"cannot start '{commandLine[0]}': {exception.Message}", exception);
            }

            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            var exited = child.WaitForExitAsync(CancellationToken.None);
            try
            {
                while (!exited.IsCompleted)
                {
                    await ShowAsync(records, view, cancellationToken);
                    await Task.WhenAny(exited, Task.Delay(ScanInterval, cancellationToken));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interruption = await StopAsync(child, exited, commandLine[0]);
            }

            await exited;
            await ShowAsync(records, view, CancellationToken.None);
            exitCode = child.ExitCode;
            if (interruption is null)
            {
                view.Conclude(new TestConclusion(await TestResultsAsync(results, startedAt), exitCode));
            }
        }

        if (interruption is not null)
        {
            await error.WriteLineAsync(interruption);
            return ExitCodes.Interrupted;
        }

        return exitCode;
    }

    /// <summary>Passes the interrupt on, then kills the command's process tree if it is still running after the grace period; says which happened.</summary>
    private static async Task<string> StopAsync(Process child, Task exited, string command)
    {
        InterruptSignal.Send(child);
        if (await Task.WhenAny(exited, Task.Delay(StopGracePeriod, CancellationToken.None)) == exited)
        {
            return $"watch: interrupted; '{command}' stopped with exit code {child.ExitCode}.";
        }

        try
        {
            child.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the wait and the kill.
        }

        return $"watch: interrupted; '{command}' did not stop within {StopGracePeriod.TotalSeconds:0} s and was killed.";
    }

    /// <summary>The folder after the command's --results-directory (dotnet test's), or null.</summary>
    private static string? ResultsDirectoryOf(IReadOnlyList<string> commandLine)
    {
        var at = commandLine.ToList().IndexOf("--results-directory");
        return at >= 0 && at + 1 < commandLine.Count ? commandLine[at + 1] : null;
    }

    /// <summary>The outcomes in the TRX files written to <paramref name="folder"/> since the watch began; null when there are none.</summary>
    private static async Task<IReadOnlyList<TrxTestResult>?> TestResultsAsync(string? folder, DateTime sinceUtc)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return null;
        }

        var results = new List<TrxTestResult>();
        var found = false;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.trx").Where(f => f.LastWriteTimeUtc >= sinceUtc))
        {
            try
            {
                results.AddRange((await TrxReader.ReadFileAsync(file.FullName, CancellationToken.None)).Results);
                found = true;
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException)
            {
                // Half-written or not a TRX file: the summary then says less, and the command's exit code still decides.
            }
        }

        return found ? results : null;
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> commandLine, string? profile)
    {
        var startInfo = new ProcessStartInfo(commandLine[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in commandLine.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (profile is not null)
        {
            startInfo.Environment[ProfileNames.Variable] = ProfileNames.NameOf(ProfileNames.Parse(profile));
        }

        return startInfo;
    }

    private static async Task ShowAsync(RunRecordFolder records, IRunView view, CancellationToken cancellationToken)
    {
        foreach (var record in await records.ScanAsync(cancellationToken))
        {
            view.Update(record);
        }
    }

    private static void Forward(IRunView view, string? line)
    {
        if (line is not null)
        {
            view.Output(line);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>
/// The built faasr-it running as a real process of its own (so signals reach it as they would from a terminal), with
/// its own temporary folder (TMPDIR) and its output captured. Disposing kills what is still running.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    private CliProcess(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public static CliProcess Start(string workingDirectory, string temporaryFolder, params string[] arguments) =>
        Start(Path.Combine(AppContext.BaseDirectory, "faasr-it"), [], workingDirectory, temporaryFolder, arguments);

    /// <summary>
    /// Starts faasr-it as the leader of a process group of its own (through setsid), as a shell starts a command, so
    /// that a signal can reach the whole group the way Ctrl-C in a terminal sends it.
    /// </summary>
    public static CliProcess StartAsProcessGroupLeader(string workingDirectory, string temporaryFolder, params string[] arguments) =>
        Start("setsid", [Path.Combine(AppContext.BaseDirectory, "faasr-it")], workingDirectory, temporaryFolder, arguments);

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    public Task InterruptAsync(CancellationToken cancellationToken) => SignalAsync("INT", toProcessGroup: false, cancellationToken);

    /// <summary>Sends a signal (e.g. "INT", "TERM") to faasr-it, or to its whole process group.</summary>
    public async Task SignalAsync(string signal, bool toProcessGroup, CancellationToken cancellationToken)
    {
        var target = (toProcessGroup ? -Id : Id).ToString(CultureInfo.InvariantCulture);
        using var kill = Process.Start("kill", ["-" + signal, "--", target]);
        await kill.WaitForExitAsync(cancellationToken);
        Assert.AreEqual(0, kill.ExitCode, $"kill -{signal} -- {target} failed.");
    }

    private static CliProcess Start(string program, string[] programArguments, string workingDirectory, string temporaryFolder, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment["TMPDIR"] = temporaryFolder;
        foreach (var argument in programArguments.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var cli = new CliProcess(new Process { StartInfo = startInfo });
        cli.process.OutputDataReceived += (_, e) => Append(cli.output, e.Data);
        cli.process.ErrorDataReceived += (_, e) => Append(cli.error, e.Data);
        cli.process.Start();
        cli.process.BeginOutputReadLine();
        cli.process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>The pids of the process's direct children (Linux /proc).</summary>
    public IReadOnlyList<int> ChildProcessIds() =>
        Directory.EnumerateDirectories($"/proc/{Id}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>The exit code, or a failed assertion when the process is still running after <paramref name="limit"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"faasr-it (pid {Id}) still runs {limit.TotalSeconds:0} s later. Output:\n{Output}\nError:\n{Error}");
        }

        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}

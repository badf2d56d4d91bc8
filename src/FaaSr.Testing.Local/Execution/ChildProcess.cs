using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Runs one process to its end: writes its stdin, keeps the tail of stdout and stderr, and kills the whole process
/// tree when the time limit passes or the token is cancelled, so no process outlives the run; it dies with this process
/// too, however this process ends (<see cref="ParentBoundProcess"/>).
/// </summary>
internal static class ChildProcess
{
    private const int TailLines = 40;

    /// <exception cref="ExecutionEnvironmentException">The program cannot be started.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the process tree was killed first.</exception>
    public static async Task<ProcessExit> RunAsync(ProcessLaunch launch, TimeProvider clock, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(launch.Program)
        {
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var output = new OutputTail(TailLines);
        process.OutputDataReceived += (_, e) => output.Add("stdout", e.Data);
        process.ErrorDataReceived += (_, e) => output.Add("stderr", e.Data);
        var startedAt = clock.GetUtcNow();
        try
        {
            // Also when this process is killed with SIGKILL and cannot run the guard below (Linux, setpriv).
            ParentBoundProcess.Start(process);
        }
        catch (Win32Exception e)
        {
            throw new ExecutionEnvironmentException($"Cannot start {launch.Program}: {e.Message}", e);
        }

        // Ctrl-C or the end of this process kills the function's process tree too.
        using var guard = new ChildProcessGuard(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (launch.TimeLimit is { } timeLimit)
        {
            limit.CancelAfter(timeLimit);
        }

        try
        {
            await WriteInputAsync(process, launch.StandardInput, limit.Token);
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            guard.KillTree();
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new ProcessExit(null, true, startedAt, output.ToString());
        }

        return new ProcessExit(process.ExitCode, false, startedAt, output.ToString());
    }

    private static async Task WriteInputAsync(Process process, string input, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process ended (or closed stdin) before reading its input; its exit code tells what happened.
        }
    }
}

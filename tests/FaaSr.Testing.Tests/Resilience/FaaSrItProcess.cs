using System.Diagnostics;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// The built faasr-it as a process of its own (its own working folder, TMPDIR and extra variables), with its output,
/// wall time and the peak resident memory of its whole process tree. Past <c>limit</c> it is killed, tree and all.
/// </summary>
internal static class FaaSrItProcess
{
    public static async Task<FaaSrItResult> RunAsync(
        string workingDirectory, string temporaryFolder, IReadOnlyDictionary<string, string> environment, TimeSpan limit,
        CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "faasr-it"))
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TMPDIR"] = temporaryFolder;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var memory = ProcessTreeMemory.Watch(process.Id);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var killed = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            killed = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            await memory.DisposeAsync();
        }

        return new FaaSrItResult(killed ? -1 : process.ExitCode, await output, await error, clock.Elapsed, memory.PeakBytes, killed);
    }
}

/// <summary>How one faasr-it process ended; <see cref="ExitCode"/> is -1 when it was killed at its limit.</summary>
internal sealed record FaaSrItResult(int ExitCode, string Output, string Error, TimeSpan Elapsed, long PeakBytes, bool Killed);

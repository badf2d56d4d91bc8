using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Local;

/// <summary>
/// Starts a child process that Linux kills (SIGKILL) when this process dies, also when this process is itself killed
/// with SIGKILL and has no chance to stop it. The child goes through util-linux's <c>setpriv --pdeathsig KILL</c>, which
/// sets PR_SET_PDEATHSIG and then executes the program in its own place (same pid, so signals sent to the child reach
/// the program). The kernel sends that signal when the thread that started the child ends, not the whole process, so
/// the child is started from a thread of its own that lives until the child has exited (a thread-pool thread may retire
/// while the child still runs). Elsewhere (not Linux, no setpriv) or when the program is not found, the child is started
/// as it is, and a missing program fails as it would without this.
/// </summary>
public static class ParentBoundProcess
{
    private const string Setpriv = "setpriv";

    /// <summary>Starts <paramref name="process"/>; its start info is rewritten to go through setpriv where it can be.</summary>
    /// <returns>True when the child dies with this process; false when it was started as it is.</returns>
    /// <exception cref="Win32Exception">The program cannot be started.</exception>
    public static bool Start(Process process)
    {
        var bound = Bind(process.StartInfo);
        if (!bound)
        {
            process.Start();
            return false;
        }

        ExceptionDispatchInfo? failure = null;
        using var started = new ManualResetEventSlim(false);
        var parent = new Thread(() =>
        {
            try
            {
                process.Start();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
                return;
            }
            finally
            {
                started.Set();
            }

            WaitUntilExited(process);
        })
        {
            IsBackground = true,
            Name = $"parent of {process.StartInfo.ArgumentList.ElementAtOrDefault(3)}",
        };
        parent.Start();
        started.Wait();
        failure?.Throw();
        return true;
    }

    private static bool Bind(ProcessStartInfo startInfo)
    {
        // Arguments given as one string would have to be split as the shell does: such a child is started as it is.
        if (!OperatingSystem.IsLinux() || startInfo.Arguments.Length > 0 || startInfo.UseShellExecute
            || ExecutablePath.Find(Setpriv) is not { } setpriv || Resolve(startInfo.FileName) is not { } program)
        {
            return false;
        }

        var arguments = startInfo.ArgumentList.ToArray();
        startInfo.FileName = setpriv;
        startInfo.ArgumentList.Clear();
        foreach (var argument in (string[])["--pdeathsig", "KILL", "--", program, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        return true;
    }

    /// <summary>The program's full path as execvp would find it; null when there is none (the plain start then says why).</summary>
    private static string? Resolve(string fileName)
    {
        if (fileName.Length == 0)
        {
            return null;
        }

        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(fileName);
            return File.Exists(path) ? path : null;
        }

        return ExecutablePath.Find(fileName);
    }

    private static void WaitUntilExited(Process process)
    {
        try
        {
            process.WaitForExit();
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Disposed by its owner once it ended: this thread has nothing left to keep alive.
        }
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FaaSr.Testing.Cli;

/// <summary>Passes Ctrl-C on to a child process as SIGINT, so it can stop the way it would in a terminal.</summary>
internal static class InterruptSignal
{
    private const int SigInt = 2;

    /// <summary>Sends SIGINT to <paramref name="process"/>; false where there is no such signal (Windows) or it is gone.</summary>
    public static bool Send(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return !process.HasExited && Kill(process.Id, SigInt) == 0;
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed: nothing to signal.
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int processId, int signal);
}

using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FaaSr.Testing.Local;

/// <summary>
/// Kills a child process, tree and all, when this process is interrupted (SIGINT/Ctrl-C, SIGTERM) or exits,
/// for as long as the guard is not disposed, then runs the owner's last clean-up. The signal itself is not cancelled:
/// its default action still runs.
/// </summary>
internal sealed class ChildProcessGuard : IDisposable
{
    private readonly Process process;
    private readonly Action? cleanUpAfterKill;
    private readonly PosixSignalRegistration[] signalRegistrations;

    /// <param name="process">The started child process.</param>
    /// <param name="cleanUpAfterKill">Runs after the kill on a signal or at exit (not on <see cref="KillTree"/>).</param>
    public ChildProcessGuard(Process process, Action? cleanUpAfterKill = null)
    {
        this.process = process;
        this.cleanUpAfterKill = cleanUpAfterKill;
        signalRegistrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Kills the process tree if it is still running; safe to call at any time.</summary>
    public void KillTree()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // The process exited, or was disposed, between the check and the kill: nothing is left to stop.
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var registration in signalRegistrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context) => KillAndCleanUp();

    private void OnProcessExit(object? sender, EventArgs e) => KillAndCleanUp();

    private void KillAndCleanUp()
    {
        KillTree();
        cleanUpAfterKill?.Invoke();
    }
}

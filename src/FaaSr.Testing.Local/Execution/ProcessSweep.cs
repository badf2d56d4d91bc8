using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Ends every process a run's functions left behind, also those that left the function's process group or session
/// (a daemon that called setsid escapes a process-group kill). Each function process gets <see cref="Variable"/> =
/// "{owner pid}:{run}" in its environment, which its children inherit; at the end of the run every process whose
/// environment carries the run's marker is killed, and at the start of a run, so is every process whose owner is no
/// longer alive (left by a faasr-it that was killed with SIGKILL). Linux only (it reads /proc); elsewhere it does nothing.
/// </summary>
internal static class ProcessSweep
{
    public const string Variable = "FAASR_IT_RUN";

    /// <summary>The marker value of the run in <paramref name="runFolder"/>, owned by this process.</summary>
    public static string MarkerFor(string runFolder) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}:{Path.GetFileName(runFolder)}");

    /// <summary>Kills every process that carries <paramref name="marker"/>; returns how many.</summary>
    public static int KillMarked(string marker) => Sweep(value => value == marker);

    /// <summary>Kills every marked process whose owning faasr-it process is gone; returns how many.</summary>
    public static int KillOrphans() => Sweep(value =>
        int.TryParse(value.AsSpan(0, Math.Max(0, value.IndexOf(':', StringComparison.Ordinal))), NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
        && owner != Environment.ProcessId && !Directory.Exists($"/proc/{owner}"));

    private static int Sweep(Func<string, bool> matches)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var killed = 0;
        var prefix = Encoding.ASCII.GetBytes(Variable + "=");
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            if (MarkerOf(folder, prefix) is { } value && matches(value))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                    killed++;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // It ended meanwhile, or is not ours to kill.
                }
            }
        }

        return killed;
    }

    private static string? MarkerOf(string procFolder, byte[] prefix)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes(Path.Combine(procFolder, "environ"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var rest = environ.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf((byte)0);
            var entry = end < 0 ? rest : rest[..end];
            if (entry.StartsWith(prefix))
            {
                return Encoding.ASCII.GetString(entry[prefix.Length..]);
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return null;
    }
}

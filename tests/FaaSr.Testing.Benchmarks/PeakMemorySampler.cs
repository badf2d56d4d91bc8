using System.Globalization;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// The peak resident memory of a running process (Linux: VmHWM of /proc/PID/status, the kernel's own high-water
/// mark), read every 100 ms until the process ends; the last value read is the peak up to that moment.
/// </summary>
internal static class PeakMemorySampler
{
    /// <summary>Samples until <paramref name="exited"/> completes; returns the highest VmHWM seen in MiB, or null off Linux.</summary>
    public static async Task<double?> SampleAsync(int processId, Task exited)
    {
        var status = $"/proc/{processId}/status";
        double? peak = null;
        while (!exited.IsCompleted)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                        && double.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kib))
                    {
                        peak = Math.Max(peak ?? 0, kib / 1024);
                    }
                }
            }
            catch (IOException)
            {
                // The process ended between two reads.
            }

            await Task.WhenAny(exited, Task.Delay(100));
        }

        return peak;
    }
}

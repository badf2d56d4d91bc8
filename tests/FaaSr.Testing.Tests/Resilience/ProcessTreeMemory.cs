using System.Globalization;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// The peak resident memory of a process and all its descendants (Linux /proc), sampled until it is disposed: a
/// bound on what a command and everything it started used at once.
/// </summary>
internal sealed class ProcessTreeMemory : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private static readonly long PageSize = Environment.SystemPageSize;

    private readonly int root;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private long peakBytes;

    private ProcessTreeMemory(int root)
    {
        this.root = root;
        sampling = SampleAsync();
    }

    /// <summary>The highest total resident memory of the tree seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref peakBytes);

    public static ProcessTreeMemory Watch(int processId) => new(processId);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await sampling;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var total = TreeResidentBytes();
            if (total > Interlocked.Read(ref peakBytes))
            {
                Interlocked.Exchange(ref peakBytes, total);
            }

            await Task.Delay(Interval, stop.Token);
        }
    }

    private long TreeResidentBytes()
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(folder) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        long total = 0;
        foreach (var pid in parents.Keys.Where(pid => IsInTree(pid, parents)))
        {
            total += ResidentBytes(pid);
        }

        return total;
    }

    private bool IsInTree(int pid, Dictionary<int, int> parents)
    {
        for (var current = pid; current > 1; current = parents.GetValueOrDefault(current))
        {
            if (current == root)
            {
                return true;
            }
        }

        return false;
    }

    private static int? ParentOf(string procFolder)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText(Path.Combine(procFolder, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static long ResidentBytes(int pid)
    {
        try
        {
            var statm = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return long.Parse(statm[1], CultureInfo.InvariantCulture) * PageSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}

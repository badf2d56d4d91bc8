using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Looks at the invocation folder for the monitor: one paginated LIST per cycle, which logs need reading (and from
/// which offset) after that listing, and the ranged reads themselves. A log is read only when its content is needed:
/// at .done, once it stopped growing, after the instance finished, or always with <see cref="MonitorOptions.LiveLogs"/>.
/// <see cref="ReadsAfter"/> and <see cref="UnreadLogs"/> change or read the trackers: the monitor calls them under its lock.
/// </summary>
internal sealed class LogFolderObserver(
    InvocationFolder folder,
    IObjectStore store,
    IReadOnlyList<InstanceTracker> trackers,
    MonitorOptions options,
    TimeSpan settleTime)
{
    private int failedListings;

    /// <summary>One listing of the invocation folder; null when it failed and fewer failures than tolerated happened in a row.</summary>
    public async Task<Dictionary<string, StoredObject>?> ListAsync(CancellationToken cancellationToken)
    {
        var listing = new Dictionary<string, StoredObject>(StringComparer.Ordinal);
        try
        {
            await foreach (var stored in store.ListAsync(folder.Prefix + "/", cancellationToken))
            {
                listing[stored.Key] = stored;
            }
        }
        catch (ObjectStoreException exception) when (!ServerIsGone(exception) && ++failedListings <= options.StoreFailuresTolerated)
        {
            return null;
        }

        failedListings = 0;
        return listing;
    }

    /// <summary>Applies one listing to the trackers; returns the logs to read, the offset to read each from, and whether any log appeared or changed.</summary>
    public (List<(InstanceTracker Tracker, long Offset)> Reads, bool AnyLogChanged) ReadsAfter(Dictionary<string, StoredObject> listing, DateTimeOffset now)
    {
        var reads = new List<(InstanceTracker, long)>();
        var anyLogChanged = false;
        foreach (var tracker in trackers)
        {
            anyLogChanged |= tracker.Observe(listing.GetValueOrDefault(tracker.LogKey), listing.ContainsKey(tracker.DoneKey), now);
            if (tracker.LogWasReplaced)
            {
                tracker.RestartLog();
                reads.Add((tracker, 0));
            }
            else if (tracker.HasUnreadBytes && ContentIsNeeded(tracker, now))
            {
                reads.Add((tracker, tracker.Log.Length));
            }
        }

        return (reads, anyLogChanged);
    }

    /// <summary>Every log with bytes the listing showed but nobody read yet, from where reading stopped.</summary>
    public List<(InstanceTracker Tracker, long Offset)> UnreadLogs() =>
        trackers.Where(t => t.HasUnreadBytes).Select(t => (t, t.Log.Length)).ToList();

    /// <summary>Reads each log from its offset, a few at a time; a read that is too slow or failed (within tolerance) yields null bytes and is retried next cycle.</summary>
    public async Task<(InstanceTracker Tracker, long Offset, byte[]? Bytes)[]> ReadAsync(List<(InstanceTracker Tracker, long Offset)> reads, CancellationToken cancellationToken)
    {
        var contents = new (InstanceTracker, long, byte[]?)[reads.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, reads.Count), parallel, async (index, token) =>
        {
            var (tracker, offset) = reads[index];
            contents[index] = (tracker, offset, null);
            // On the monitor's clock, so a test on a fake clock decides when a read is too slow.
            using var readTimeout = new CancellationTokenSource(options.EffectiveReadTimeout, options.TimeProvider);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token, readTimeout.Token);
            try
            {
                contents[index] = (tracker, offset, await store.GetFromAsync(tracker.LogKey, offset, timeout.Token));
                tracker.FailedReads = 0;
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // Too slow: abandoned, read again next cycle. Slowness alone is not a failure.
            }
            catch (ObjectStoreException exception) when (!ServerIsGone(exception) && ++tracker.FailedReads <= options.StoreFailuresTolerated)
            {
                // Read again next cycle.
            }
        });
        return contents;
    }

    /// <summary>
    /// The store refused connections for its whole retry budget (RetrySettings.UnreachableBudget): the server is gone,
    /// and waiting more cycles only delays the error (a restarted server is reached within that budget).
    /// </summary>
    private static bool ServerIsGone(ObjectStoreException exception) => S3Faults.IsConnectionRefused(exception);

    private bool ContentIsNeeded(InstanceTracker tracker, DateTimeOffset now) =>
        options.LiveLogs
        || tracker.DoneListed
        || tracker.Status.IsFinal
        || now - tracker.LogChangedAt >= settleTime;
}

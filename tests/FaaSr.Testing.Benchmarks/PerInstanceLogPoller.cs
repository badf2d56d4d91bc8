using System.Collections.Concurrent;
using System.Text;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// The old Python framework's observation strategy (docs/faasr-semantics.md, "How the monitor observes"), the
/// benchmark's baseline: one poller per instance every 3 s, at most 10 requests in flight. Until the log exists it
/// HEADs the log; then it GETs the whole log each poll, and when new entries arrived without an ERROR it HEADs the
/// .done file. After completion it polls once more and stops when no new entries came.
/// </summary>
internal sealed class PerInstanceLogPoller(IObjectStore store, WorkflowGraph graph, InvocationFolder folder)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim inFlight = new(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> completedAt = new(StringComparer.Ordinal);

    /// <summary>When each instance was seen completed (or failed).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> CompletedAt => completedAt;

    /// <summary>Runs every poller until each instance finished and its log stopped growing, or the deadline passes.</summary>
    public async Task RunAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(deadline);
        await Task.WhenAll(graph.Instances.Select(instance => PollAsync(instance, stop.Token)));
    }

    private async Task PollAsync(FunctionInstance instance, CancellationToken cancellationToken)
    {
        var logKey = folder.LogKey(instance);
        var doneKey = folder.DoneKey(instance);
        var logStarted = false;
        var finished = false;
        var entriesSeen = 0;
        try
        {
            while (true)
            {
                if (!logStarted)
                {
                    logStarted = await ThrottledAsync(() => store.ExistsAsync(logKey, cancellationToken), cancellationToken);
                }

                if (logStarted)
                {
                    byte[]? bytes;
                    try
                    {
                        bytes = await ThrottledAsync(() => store.GetAsync(logKey, cancellationToken), cancellationToken);
                    }
                    catch (ObjectStoreException)
                    {
                        // A whole-object GET can race a rewrite of the log on s3rver; the old poller just tried again.
                        await Task.Delay(PollInterval, cancellationToken);
                        continue;
                    }

                    var entries = LogParser.Split(Encoding.UTF8.GetString(bytes ?? []).Trim());
                    var hasNewEntries = entries.Count > entriesSeen;
                    entriesSeen = entries.Count;
                    if (hasNewEntries && !finished)
                    {
                        finished = entries.Any(e => e.IsError)
                            || await ThrottledAsync(() => store.ExistsAsync(doneKey, cancellationToken), cancellationToken);
                        if (finished)
                        {
                            completedAt[instance.Name] = DateTimeOffset.UtcNow;
                        }
                    }
                    else if (finished && !hasNewEntries)
                    {
                        return;
                    }
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The deadline passed: the baseline gives up like the old framework's timeout.
        }
    }

    private async Task<T> ThrottledAsync<T>(Func<Task<T>> request, CancellationToken cancellationToken)
    {
        await inFlight.WaitAsync(cancellationToken);
        try
        {
            return await request();
        }
        finally
        {
            inFlight.Release();
        }
    }
}

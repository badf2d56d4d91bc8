using System.Collections.Concurrent;
using System.Text;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// The scale benchmark's baseline, not a monitor of the product: the old per-instance poller at its simplest. Every
/// cycle (the same poll interval as ours) it GETs the log and the .done of each instance not seen finished yet, whole,
/// with no LIST; an instance is finished once its .done exists or its log holds an ERROR. At most 4 GETs in flight, so
/// it shares s3rver with the run it watches rather than swamping it (with 16 the run took 390 s instead of 51 s).
/// </summary>
internal sealed class BaselinePerInstancePoller(IObjectStore store, WorkflowGraph graph, InvocationFolder folder, TimeSpan pollInterval)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> finishedAt = new(StringComparer.Ordinal);

    /// <summary>When each instance was seen finished (completed or failed).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> FinishedAt => finishedAt;

    public int Cycles { get; private set; }

    /// <summary>Polls until <paramref name="done"/> ends and one more cycle saw what it left, or the token fires.</summary>
    public async Task RunAsync(Task done, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        while (true)
        {
            var last = done.IsCompleted;
            var cycleStart = DateTimeOffset.UtcNow;
            Cycles++;
            var open = graph.Instances.Where(i => !finishedAt.ContainsKey(i.Name)).ToArray();
            await Parallel.ForEachAsync(open, options, async (instance, token) =>
            {
                var log = await GetAsync(folder.LogKey(instance), token);
                var done = await GetAsync(folder.DoneKey(instance), token);
                var failed = log is not null && LogParser.Split(Encoding.UTF8.GetString(log)).Any(e => e.IsError);
                if (done is not null || failed)
                {
                    finishedAt.TryAdd(instance.Name, DateTimeOffset.UtcNow);
                }
            });

            if (last || finishedAt.Count == graph.Instances.Count)
            {
                return;
            }

            var wait = cycleStart + pollInterval - DateTimeOffset.UtcNow;
            await Task.WhenAny(done, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken));
        }
    }

    private async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(key, cancellationToken);
        }
        catch (ObjectStoreException)
        {
            // A GET that raced a rewrite of the log: the next cycle reads it again.
            return null;
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// Plays what FaaSr writes during a run of entry -> work(N) -> join into S3, at a cloud-like pace: each action's log
/// grows in two or three flushes, its .done lands before its scheduler lines, and the ranks start staggered.
/// Records when each .done and each last write became visible, so observers' detection latency can be measured.
/// </summary>
internal sealed class FaaSrObjectPlayer(IObjectStore store, WorkflowGraph graph, InvocationFolder folder, int seed)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> doneWrittenAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastWrittenAt = new(StringComparer.Ordinal);
    private readonly Random random = new(seed);

    public IReadOnlyDictionary<string, DateTimeOffset> DoneWrittenAt => doneWrittenAt;

    public IReadOnlyDictionary<string, DateTimeOffset> LastWrittenAt => lastWrittenAt;

    public async Task PlayAsync(string entry, string work, string join, CancellationToken cancellationToken)
    {
        var ranks = graph.InstancesOf(work);
        await PlayActionAsync(entry, TimeSpan.Zero, Pace(),
            Enumerable.Repeat($"GitHub Action: Successfully invoked: {work}", ranks.Count).ToArray(), cancellationToken);

        // GitHub queues each dispatched job for a while; ranks start one after another.
        var plays = ranks.Select((instance, index) => PlayActionAsync(
            instance.Name,
            TimeSpan.FromMilliseconds(index * 50 + random.Next(300, 1200)),
            Pace(),
            [$"GitHub Action: Successfully invoked: {join}"],
            cancellationToken)).ToArray();
        await Task.WhenAll(plays);

        await PlayActionAsync(join, TimeSpan.FromMilliseconds(800), Pace(), [$"no triggers for {join}"], cancellationToken);
    }

    /// <summary>Delays of one action, drawn up front so they do not depend on task scheduling.</summary>
    private ActionPace Pace()
    {
        lock (random)
        {
            return new ActionPace(
                TimeSpan.FromMilliseconds(random.Next(600, 1600)),
                random.Next(3) == 0 ? TimeSpan.FromMilliseconds(random.Next(300, 700)) : null,
                TimeSpan.FromMilliseconds(random.Next(200, 400)),
                TimeSpan.FromMilliseconds(random.Next(300, 1300)));
        }
    }

    private async Task PlayActionAsync(string instance, TimeSpan startDelay, ActionPace pace, string[] schedulerLines,
        CancellationToken cancellationToken)
    {
        var logKey = folder.LogKey(graph.Instance(instance));
        var log = new StringBuilder();
        var seconds = 0.0;

        string Line(string level, string file, string message)
        {
            seconds += 0.173;
            return $"[{seconds.ToString("0.###", CultureInfo.InvariantCulture)}] [{level}] [{file}] {message}\n";
        }

        async Task FlushAsync(string text)
        {
            log.Append(text);
            await store.PutAsync(logKey, Encoding.UTF8.GetBytes(log.ToString()), cancellationToken);
            lastWrittenAt[instance] = DateTimeOffset.UtcNow;
        }

        await Task.Delay(startDelay, cancellationToken);
        await FlushAsync(Line("INFO", "faasr_entry.py", "Get git repo files: owner/repo/functions") + Line("INFO", "server.py",
            "Starting server on localhost port 8000"));
        await Task.Delay(pace.FirstRun, cancellationToken);
        await FlushAsync(Line("INFO", "faasr_entry.py", $"Starting function: {instance} (Python)") + $"Using invocation " +
            $"ID: {folder.InvocationId}\n" + Line("INFO", "server.py", "Processing request: faasr_log"));
        if (pace.SecondRun is { } secondRun)
        {
            await Task.Delay(secondRun, cancellationToken);
            await FlushAsync(Line("INFO", "server.py", "Processing request: faasr_put_file"));
        }

        await Task.Delay(pace.BeforeDone, cancellationToken);
        await store.PutAsync(folder.DoneKey(graph.Instance(instance)), "True"u8.ToArray(), cancellationToken);
        doneWrittenAt[instance] = DateTimeOffset.UtcNow;
        await Task.Delay(pace.Scheduler, cancellationToken);
        await FlushAsync(string.Concat(schedulerLines.Select(line => Line("INFO", "scheduler.py", line))));
    }

    private sealed record ActionPace(TimeSpan FirstRun, TimeSpan? SecondRun, TimeSpan BeforeDone, TimeSpan Scheduler);
}

using System.Collections.Concurrent;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Starts instances as they are dispatched (after the optional dispatch delay), at most MaxParallelism at once, and
/// completes when no start is left. Every dispatch is a start, as in FaaSr: a fan-in action is started once per
/// predecessor and its gate decides which start runs.
/// </summary>
internal sealed class RunCoordinator
{
    private readonly LocalRunContext run;
    private readonly CancellationToken cancellationToken;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentDictionary<string, InstanceOutcome> outcomes = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<LocalRunResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int startsInFlight;
    private int cancelled;

    public RunCoordinator(LocalRunContext run, CancellationToken cancellationToken)
    {
        this.run = run;
        this.cancellationToken = cancellationToken;
        slots = new SemaphoreSlim(Math.Max(1, run.Options.MaxParallelism));
    }

    public Task<LocalRunResult> Completion => completion.Task;

    /// <summary>Starts the entry action's instances.</summary>
    public void Start()
    {
        Interlocked.Increment(ref startsInFlight);
        foreach (var entry in run.Graph.InstancesOf(run.Graph.EntryAction))
        {
            Dispatch(entry);
        }

        StartEnded();
    }

    public void Dispatch(FunctionInstance instance)
    {
        Interlocked.Increment(ref startsInFlight);
        _ = Task.Run(() => RunStartAsync(instance), CancellationToken.None);
    }

    private async Task RunStartAsync(FunctionInstance instance)
    {
        try
        {
            if (run.Options.DispatchDelay > TimeSpan.Zero)
            {
                await Task.Delay(run.Options.DispatchDelay, run.Clock, cancellationToken);
            }

            var outcome = await new InstanceExecution(run, instance, Dispatch).RunAsync(slots, cancellationToken);
            Record(outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Exchange(ref cancelled, 1);
        }
        catch (Exception e)
        {
            // S3 or the machine failed under the instance (its fan-in gate, a log write, its .done): a monitor reading S3
            // must learn it now, with the cause, instead of waiting for an inactivity timeout.
            var reason = $"The local executor failed while running {instance.Name}: {e.GetType().Name}: {e.Message}";
            await ReportFailureAsync(instance, reason);
            Record(new InstanceOutcome(instance, InstanceState.Failed, reason));
        }
        finally
        {
            StartEnded();
        }
    }

    /// <summary>Appends an ERROR line with the cause to the instance's log object; best effort, as S3 may be what failed.</summary>
    private async Task ReportFailureAsync(FunctionInstance instance, string reason)
    {
        try
        {
            var key = run.Folder.LogKey(instance);
            var existing = await run.LoggingStore.GetAsync(key, cancellationToken) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : string.Empty;
            var line = $"[0.0] [{FaaSrLogLevel.ERROR}] [faasr_entry.py] {reason.ReplaceLineEndings(" ")}\n";
            await run.LoggingStore.PutAsync(key, System.Text.Encoding.UTF8.GetBytes(existing + line), cancellationToken);
        }
        catch (Exception e) when (e is Storage.ObjectStoreException or OperationCanceledException)
        {
            // The store stays unreachable: the failure is still recorded in the run's result.
        }
    }

    private void Record(InstanceOutcome outcome) =>
        outcomes.AddOrUpdate(
            outcome.Instance.Name,
            outcome,
            (_, existing) => existing.State == InstanceState.NotRun ? outcome : existing);

    private void StartEnded()
    {
        if (Interlocked.Decrement(ref startsInFlight) != 0)
        {
            return;
        }

        if (Volatile.Read(ref cancelled) == 1 || cancellationToken.IsCancellationRequested)
        {
            completion.TrySetCanceled(cancellationToken);
            return;
        }

        completion.TrySetResult(new LocalRunResult(run.Graph.Instances
            .Select(i => outcomes.GetValueOrDefault(i.Name) ?? InstanceOutcome.NotRun(i, "Not invoked: no predecessor dispatched it."))
            .ToArray()));
    }
}

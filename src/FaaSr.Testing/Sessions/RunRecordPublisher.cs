using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// Keeps a run record file current while a session is watched: written at once, rewritten (atomically, changes
/// coalesced) after status changes, at most once per <see cref="LiveWriteInterval"/>, and a last time with the
/// monitor's result when monitoring ends. A watcher reading the file therefore sees the run's progress live;
/// <c>finishedAt</c> is null until the end.
/// </summary>
public sealed class RunRecordPublisher : IAsyncDisposable
{
    /// <summary>
    /// The shortest time between two live writes. A 1,000-instance record is about a megabyte: written after every
    /// change it kept a core busy and slowed the run it recorded (the scale benchmark, README "Benchmarks"); watch
    /// reads the folder every 250 ms, so half a second still shows the run live.
    /// </summary>
    public static readonly TimeSpan LiveWriteInterval = TimeSpan.FromMilliseconds(500);

    private readonly IWorkflowSession session;
    private readonly RunArtifactOptions? artifacts;
    private readonly SemaphoreSlim changes = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly DateTimeOffset createdAt;
    private readonly Task publishing;
    private int disposed;

    private RunRecordPublisher(IWorkflowSession session, string path, RunArtifactOptions? artifacts)
    {
        this.session = session;
        this.artifacts = artifacts;
        Path = System.IO.Path.GetFullPath(path);
        createdAt = DateTimeOffset.UtcNow;
        session.Monitor.StatusChanged += OnStatusChanged;
        publishing = PublishAsync(stopping.Token);
    }

    /// <summary>The record file.</summary>
    public string Path { get; }

    /// <summary>Ends once the final record is written (monitoring ended) or the publisher was disposed; faults when a write fails.</summary>
    public Task Completion => publishing;

    /// <summary>
    /// Starts publishing the session's record to <paramref name="path"/>; subscribe before the functions start to miss
    /// nothing. With the last record, the run's logs, graph and objects are kept beside it (<see cref="RunArtifacts"/>).
    /// </summary>
    public static RunRecordPublisher Start(IWorkflowSession session, string path, RunArtifactOptions? artifacts = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new RunRecordPublisher(session, path, artifacts);
    }

    /// <summary>Stops following the monitor after writing the latest state; waits for a write in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        session.Monitor.StatusChanged -= OnStatusChanged;
        await stopping.CancelAsync();
        try
        {
            await publishing;
        }
        finally
        {
            stopping.Dispose();
            changes.Dispose();
        }
    }

    private void OnStatusChanged(object? sender, FunctionTransition transition) => changes.Release();

    private async Task PublishAsync(CancellationToken stop)
    {
        await Task.Yield();
        await WriteAsync(CurrentRecord(), CancellationToken.None);
        var monitoring = session.Monitoring;
        while (!monitoring.IsCompleted && !stop.IsCancellationRequested)
        {
            await Task.WhenAny(changes.WaitAsync(stop), monitoring);
            while (changes.Wait(0))
            {
                // Coalesce: one write covers every change signalled so far.
            }

            if (!monitoring.IsCompleted)
            {
                await WriteAsync(CurrentRecord(), CancellationToken.None);
                // WhenAny never throws: a stop (dispose) during the pause ends the loop, and the last record is written.
                await Task.WhenAny(monitoring, Task.Delay(LiveWriteInterval, stop));
            }
        }

        // The last state: the monitor's result when monitoring ended, else the latest snapshot.
        await WriteAsync(CurrentRecord(), CancellationToken.None);
        await RunArtifacts.SaveAsync(session, Path, artifacts, CancellationToken.None);
    }

    private RunRecord CurrentRecord() => session.CurrentRecord(createdAt);

    private Task WriteAsync(RunRecord record, CancellationToken cancellationToken) =>
        RunRecordFile.WriteAsync(record.Masked(artifacts?.Secrets), Path, cancellationToken);
}

using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The S3 log object of one instance, written the way FaaSr's S3 log handler writes it (docs/faasr-semantics.md, "Log format"): records are
/// buffered as "[{seconds since start}] [{LEVEL}] [{file}] {message}" and each flush replaces the whole object.
/// User faasr_log text goes in raw, after what the object already holds and before the buffered records.
/// This executor is the only writer of the object, so a flush is one PUT of the known content.
/// </summary>
/// <remarks>
/// The content is kept once, as UTF-8 that only grows (a PUT sends a slice of it, no copy). FaaSr PUTs the whole
/// object after every call, which costs the square of the log's size for a chatty function; here a call's flush
/// (<see cref="FlushSoonAsync"/>) is a PUT at once only when none was made in the last <see cref="BatchInterval"/>,
/// else one PUT soon after carries every call of the burst. A failure of such a PUT is thrown by the next call's flush
/// and kept in <see cref="DeferredFailure"/>; <see cref="FlushPendingAsync"/> makes it happen before the executor
/// looks at the function's end.
/// </remarks>
internal sealed class InstanceLog
{
    /// <summary>At most one PUT per interval while calls keep coming: a burst's lines reach S3 together, soon after.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(250);

    private readonly IObjectStore store;
    private readonly TimeProvider clock;
    private readonly long startTimestamp;
    private readonly SemaphoreSlim flushing = new(1, 1);
    private readonly Lock gate = new();
    private readonly StringBuilder pending = new();
    private readonly ArrayBufferWriter<byte> stored = new();
    private readonly Stopwatch sinceLastPut = new();
    private long version;
    private long putVersion;
    private Task? deferred;
    private CancellationTokenSource? hurry;
    private ObjectStoreException? deferredFailure;

    public InstanceLog(IObjectStore store, string key, TimeProvider clock)
    {
        this.store = store;
        this.clock = clock;
        Key = key;
        startTimestamp = clock.GetTimestamp();
    }

    public string Key { get; }

    /// <summary>The first failed PUT of a batched flush (see the remarks); null when none failed.</summary>
    public ObjectStoreException? DeferredFailure
    {
        get
        {
            lock (gate)
            {
                return deferredFailure;
            }
        }
    }

    /// <summary>Buffers one record; it reaches S3 with the next flush.</summary>
    public void Write(FaaSrLogLevel level, string file, string message) => Write(Record(level, file, message));

    /// <summary>
    /// A record stamped now, to be buffered later with <see cref="Write(string)"/>: FaaSr's parent process keeps
    /// some records (e.g. "Starting function") in its own buffer until after the function's process has ended.
    /// </summary>
    public string Record(FaaSrLogLevel level, string file, string message)
    {
        var seconds = clock.GetElapsedTime(startTimestamp).TotalSeconds;
        return $"[{Math.Round(seconds, 3).ToString("0.0##", CultureInfo.InvariantCulture)}] [{level}] [{file}] {message}\n";
    }

    /// <summary>Buffers a record made by <see cref="Record"/>.</summary>
    public void Write(string record)
    {
        lock (gate)
        {
            pending.Append(record);
            version++;
        }
    }

    /// <summary>
    /// Appends user text unprefixed after what the object holds, ahead of the buffered records (as FaaSr's faasr_log
    /// does); it reaches S3 with the next flush.
    /// </summary>
    public void AppendRaw(string text)
    {
        lock (gate)
        {
            Encoding.UTF8.GetBytes(text, stored);
            Encoding.UTF8.GetBytes("\n", stored);
            version++;
        }
    }

    /// <summary>Writes every buffered record now; returns at once when nothing changed since the last write.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            await PutLatestAsync(cancellationToken);
        }
        finally
        {
            flushing.Release();
        }
    }

    /// <summary>
    /// The flush after a function's call: a PUT now if none was made within <see cref="BatchInterval"/>, else one
    /// scheduled for then (see the remarks).
    /// </summary>
    /// <exception cref="ObjectStoreException">This PUT failed, or a batched one since the last call did.</exception>
    public async Task FlushSoonAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            if (deferredFailure is { } failure && deferred is { IsCompleted: true })
            {
                deferred = null;
                throw failure;
            }

            wait = sinceLastPut.IsRunning ? BatchInterval - sinceLastPut.Elapsed : TimeSpan.Zero;
            if (wait > TimeSpan.Zero || deferred is not null)
            {
                if (deferred is null)
                {
                    hurry = new CancellationTokenSource();
                    deferred = DeferredFlushAsync(wait, hurry.Token, cancellationToken);
                }

                return;
            }
        }

        await FlushAsync(cancellationToken);
    }

    /// <summary>Makes a scheduled flush happen now and waits for it; its failure stays in <see cref="DeferredFailure"/>.</summary>
    public async Task FlushPendingAsync()
    {
        Task? scheduled;
        lock (gate)
        {
            scheduled = deferred;
            hurry?.Cancel();
        }

        if (scheduled is not null)
        {
            await scheduled;
        }
    }

    /// <summary>Flushes after <paramref name="wait"/>, then again each interval for as long as calls came meanwhile.</summary>
    private async Task DeferredFlushAsync(TimeSpan wait, CancellationToken hurryToken, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    await Task.Delay(wait, hurryToken);
                }
                catch (OperationCanceledException)
                {
                    // Asked to flush now.
                }

                await FlushAsync(cancellationToken);
                lock (gate)
                {
                    // Checked and cleared in one step: a call after this schedules a flush of its own.
                    if (version == Volatile.Read(ref putVersion))
                    {
                        EndDeferred();
                        return;
                    }
                }

                wait = BatchInterval;
            }
        }
        catch (ObjectStoreException e)
        {
            lock (gate)
            {
                // The completed task stays as the marker that the next call's flush throws this failure.
                deferredFailure ??= e;
                hurry?.Dispose();
                hurry = null;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is being stopped: its last flush, if any, writes what is left.
            lock (gate)
            {
                EndDeferred();
            }
        }
    }

    private void EndDeferred()
    {
        deferred = null;
        hurry?.Dispose();
        hurry = null;
    }

    private async Task PutLatestAsync(CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> content;
        long snapshot;
        lock (gate)
        {
            if (pending.Length > 0)
            {
                foreach (var chunk in pending.GetChunks())
                {
                    Encoding.UTF8.GetBytes(chunk.Span, stored);
                }

                pending.Clear();
            }

            // The slice stays as it is: appends write past it, and growing copies into a new array.
            content = stored.WrittenMemory;
            snapshot = version;
        }

        if (snapshot != putVersion)
        {
            sinceLastPut.Restart();
            await store.PutAsync(Key, content, cancellationToken);
            Volatile.Write(ref putVersion, snapshot);
        }
    }
}

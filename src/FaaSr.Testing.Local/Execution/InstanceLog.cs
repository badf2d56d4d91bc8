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
internal sealed class InstanceLog
{
    private readonly IObjectStore store;
    private readonly TimeProvider clock;
    private readonly long startTimestamp;
    private readonly SemaphoreSlim flushing = new(1, 1);
    private readonly Lock gate = new();
    private readonly StringBuilder pending = new();
    private string stored = string.Empty;
    private string lastPut = string.Empty;

    public InstanceLog(IObjectStore store, string key, TimeProvider clock)
    {
        this.store = store;
        this.clock = clock;
        Key = key;
        startTimestamp = clock.GetTimestamp();
    }

    public string Key { get; }

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
            stored += text + "\n";
        }
    }

    /// <summary>Writes every buffered record; returns at once when nothing changed since the last write.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await flushing.WaitAsync(cancellationToken);
        try
        {
            string content;
            lock (gate)
            {
                stored += pending.ToString();
                pending.Clear();
                content = stored;
            }

            if (content != lastPut)
            {
                await store.PutAsync(Key, Encoding.UTF8.GetBytes(content), cancellationToken);
                lastPut = content;
            }
        }
        finally
        {
            flushing.Release();
        }
    }
}

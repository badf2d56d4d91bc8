using System.Security.Cryptography;

namespace FaaSr.Testing.Storage;

/// <summary>
/// One bucket held in memory, answering as S3 does: listings in key order with sizes, ETags (the quoted MD5 of the
/// content, as S3 gives for a single PUT) and modification times from <see cref="TimeProvider"/>; ranged reads past the
/// end give no bytes; deleting an absent object is not an error. For tests that need exact control of time and no
/// server (the monitor's rules on a fake clock) and for benchmarks of the logic above storage. Thread-safe. It has no
/// URL, so it cannot pre-sign: use a local S3 server for pre-signed transfers.
/// </summary>
public sealed class InMemoryObjectStore(string bucket, TimeProvider? clock = null) : IObjectStore
{
    private readonly SortedDictionary<string, Entry> objects = new(StringComparer.Ordinal);
    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly Lock gate = new();

    public string Bucket { get; } = string.IsNullOrEmpty(bucket)
        ? throw new ArgumentException("A bucket needs a name.", nameof(bucket))
        : bucket;

    /// <summary>How many objects the bucket holds now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return objects.Count;
            }
        }
    }

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        StoredObject[] listing;
        lock (gate)
        {
            listing = objects
                .Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(pair => new StoredObject(pair.Key, pair.Value.Content.Length, pair.Value.LastModified, pair.Value.ETag))
                .ToArray();
        }

        return listing.ToAsyncEnumerable();
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return Task.FromResult(objects.ContainsKey(key));
        }
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => GetFromAsync(key, 0, cancellationToken);

    public Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (!objects.TryGetValue(key, out var entry))
            {
                return Task.FromResult<byte[]?>(null);
            }

            return Task.FromResult<byte[]?>(offset >= entry.Content.Length ? [] : entry.Content[(int)offset..]);
        }
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = content.ToArray();
        var entry = new Entry(bytes, clock.GetUtcNow(), $"\"{Convert.ToHexStringLower(MD5.HashData(bytes))}\"");
        lock (gate)
        {
            objects[key] = entry;
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            objects.Remove(key);
        }

        return Task.CompletedTask;
    }

    /// <summary>The bucket exists from the start: nothing to create.</summary>
    public Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    public Uri PresignGet(string key, TimeSpan validFor) => throw CannotPresign();

    public Uri PresignPut(string key, TimeSpan validFor) => throw CannotPresign();

    public override string ToString() => $"InMemoryObjectStore {{ Bucket = {Bucket}, {Count} objects }}";

    private NotSupportedException CannotPresign() =>
        new($"The in-memory bucket '{Bucket}' has no URL to pre-sign; use an S3ObjectStore (a local S3 server) for pre-signed transfers.");

    private sealed record Entry(byte[] Content, DateTimeOffset LastModified, string ETag);
}

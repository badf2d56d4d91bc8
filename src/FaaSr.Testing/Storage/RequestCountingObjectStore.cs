using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FaaSr.Testing.Storage;

/// <summary>
/// Passes every call to another store and records it, so a caller can tell how many requests a strategy costs and
/// which keys and offsets it read. Thread-safe.
/// </summary>
public sealed class RequestCountingObjectStore(IObjectStore inner, TimeProvider? clock = null) : IObjectStore
{
    private readonly ConcurrentQueue<ObjectStoreRequest> requests = new();
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public string Bucket => inner.Bucket;

    /// <summary>Every request so far, in the order they were made.</summary>
    public IReadOnlyList<ObjectStoreRequest> Requests => requests.ToArray();

    public int Count(ObjectStoreOperation operation) => requests.Count(r => r.Operation == operation);

    public int Count(ObjectStoreOperation operation, string key) => requests.Count(r => r.Operation == operation && r.Key == key);

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.List, prefix);
        await foreach (var stored in inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return stored;
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Head, key);
        return inner.ExistsAsync(key, cancellationToken);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Get, key, 0);
        return inner.GetAsync(key, cancellationToken);
    }

    public Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Get, key, offset);
        return inner.GetFromAsync(key, offset, cancellationToken);
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Put, key);
        return inner.PutAsync(key, content, cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Delete, key);
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.EnsureBucket, "");
        return inner.EnsureBucketAsync(cancellationToken);
    }

    public Uri PresignGet(string key, TimeSpan validFor) => inner.PresignGet(key, validFor);

    public Uri PresignPut(string key, TimeSpan validFor) => inner.PresignPut(key, validFor);

    public override string ToString() => $"RequestCountingObjectStore {{ {requests.Count} requests to {inner} }}";

    private void Record(ObjectStoreOperation operation, string key, long? offset = null) =>
        requests.Enqueue(new ObjectStoreRequest(operation, key, offset, clock.GetUtcNow()));
}

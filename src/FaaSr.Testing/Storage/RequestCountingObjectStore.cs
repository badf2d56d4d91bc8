using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FaaSr.Testing.Storage;

/// <summary>
/// Passes every call to another store and records it, so a caller can tell how many requests a strategy costs and
/// which keys and offsets it read. Thread-safe.
/// </summary>
public sealed class RequestCountingObjectStore(IObjectStore inner, TimeProvider? clock = null) : DelegatingObjectStore(inner)
{
    private readonly ConcurrentQueue<ObjectStoreRequest> requests = new();
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>Every request so far, in the order they were made.</summary>
    public IReadOnlyList<ObjectStoreRequest> Requests => requests.ToArray();

    public int Count(ObjectStoreOperation operation) => requests.Count(r => r.Operation == operation);

    public int Count(ObjectStoreOperation operation, string key) => requests.Count(r => r.Operation == operation && r.Key == key);

    public override async IAsyncEnumerable<StoredObject> ListAsync(string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.List, prefix);
        await foreach (var stored in Inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return stored;
        }
    }

    public override Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Head, key);
        return base.ExistsAsync(key, cancellationToken);
    }

    public override Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Get, key, 0);
        return base.GetAsync(key, cancellationToken);
    }

    public override Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Get, key, offset);
        return base.GetFromAsync(key, offset, cancellationToken);
    }

    public override Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Put, key);
        return base.PutAsync(key, content, cancellationToken);
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.Delete, key);
        return base.DeleteAsync(key, cancellationToken);
    }

    public override Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        Record(ObjectStoreOperation.EnsureBucket, "");
        return base.EnsureBucketAsync(cancellationToken);
    }

    public override string ToString() => $"RequestCountingObjectStore {{ {requests.Count} requests to {Inner} }}";

    private void Record(ObjectStoreOperation operation, string key, long? offset = null) =>
        requests.Enqueue(new ObjectStoreRequest(operation, key, offset, clock.GetUtcNow()));
}

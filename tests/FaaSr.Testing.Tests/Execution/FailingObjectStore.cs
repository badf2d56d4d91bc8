using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>A real store whose chosen operations fail as an S3 fault that outlasted its retries would.</summary>
internal sealed class FailingObjectStore(IObjectStore inner, Func<string, string, bool> fails) : DelegatingObjectStore(inner)
{
    public override IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        fails("ListObjectsV2", prefix) ? throw Fault("ListObjectsV2", prefix) : base.ListAsync(prefix, cancellationToken);

    public override Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        fails("GetObject", key) ? throw Fault("GetObject", key) : base.GetAsync(key, cancellationToken);

    public override Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        fails("PutObject", key) ? throw Fault("PutObject", key) : base.PutAsync(key, content, cancellationToken);

    private ObjectStoreException Fault(string operation, string key) =>
        new(operation, Bucket, key, 30, $"S3 {operation} of key '{key}' in bucket '{Bucket}' failed after 30 attempt(s): HTTP 503 SlowDown: injected", null);
}

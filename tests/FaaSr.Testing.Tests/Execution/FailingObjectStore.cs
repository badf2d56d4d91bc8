using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>A real store whose chosen operations fail as an S3 fault that outlasted its retries would.</summary>
internal sealed class FailingObjectStore(IObjectStore inner, Func<string, string, bool> fails) : IObjectStore
{
    public string Bucket => inner.Bucket;

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        fails("ListObjectsV2", prefix) ? throw Fault("ListObjectsV2", prefix) : inner.ListAsync(prefix, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        fails("HeadObject", key) ? throw Fault("HeadObject", key) : inner.ExistsAsync(key, cancellationToken);

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        fails("GetObject", key) ? throw Fault("GetObject", key) : inner.GetAsync(key, cancellationToken);

    public Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken) =>
        fails("GetObject", key) ? throw Fault("GetObject", key) : inner.GetFromAsync(key, offset, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        fails("PutObject", key) ? throw Fault("PutObject", key) : inner.PutAsync(key, content, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        fails("DeleteObject", key) ? throw Fault("DeleteObject", key) : inner.DeleteAsync(key, cancellationToken);

    public Task EnsureBucketAsync(CancellationToken cancellationToken) => inner.EnsureBucketAsync(cancellationToken);

    public Uri PresignGet(string key, TimeSpan validFor) => inner.PresignGet(key, validFor);

    public Uri PresignPut(string key, TimeSpan validFor) => inner.PresignPut(key, validFor);

    private ObjectStoreException Fault(string operation, string key) =>
        new(operation, Bucket, key, 30, $"S3 {operation} of key '{key}' in bucket '{Bucket}' failed after 30 attempt(s): HTTP 503 SlowDown: injected", null);
}

using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>A real store whose listings always fail, as when S3 keeps answering 500.</summary>
internal sealed class ListFailingObjectStore(IObjectStore inner) : IObjectStore
{
    public string Bucket => inner.Bucket;

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        throw new ObjectStoreException("ListObjectsV2", Bucket, prefix, 3, $"S3 ListObjectsV2 of '{prefix}' in bucket '{Bucket}' failed after 3 attempt(s): InternalError", null);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken) => inner.GetFromAsync(key, offset, cancellationToken);

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutAsync(key, content, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task EnsureBucketAsync(CancellationToken cancellationToken) => inner.EnsureBucketAsync(cancellationToken);

    public Uri PresignGet(string key, TimeSpan validFor) => inner.PresignGet(key, validFor);

    public Uri PresignPut(string key, TimeSpan validFor) => inner.PresignPut(key, validFor);
}

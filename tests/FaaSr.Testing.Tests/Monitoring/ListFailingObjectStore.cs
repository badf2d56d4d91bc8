using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>A real store whose listings always fail, as when S3 keeps answering 500.</summary>
internal sealed class ListFailingObjectStore(IObjectStore inner) : DelegatingObjectStore(inner)
{
    public override IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        throw new ObjectStoreException("ListObjectsV2", Bucket, prefix, 3, $"S3 ListObjectsV2 of '{prefix}' in bucket '{Bucket}' failed after 3 attempt(s): InternalError", null);
}

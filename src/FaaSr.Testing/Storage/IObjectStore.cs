namespace FaaSr.Testing.Storage;

/// <summary>
/// One bucket of an S3-compatible store. "Absent" answers (null, false) mean a real 404 and nothing else:
/// transient faults are retried and, when they persist, thrown as <see cref="ObjectStoreException"/>.
/// </summary>
public interface IObjectStore
{
    string Bucket { get; }

    /// <summary>Every object under <paramref name="prefix"/>, following continuation tokens.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>The whole object, or null when it does not exist.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes from <paramref name="offset"/> to the end (empty when there are none), or null when the object does
    /// not exist.
    /// </summary>
    Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken);

    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Deletes the object; deleting an absent object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Creates the bucket when it does not exist yet.</summary>
    Task EnsureBucketAsync(CancellationToken cancellationToken);

    Uri PresignGet(string key, TimeSpan validFor);

    Uri PresignPut(string key, TimeSpan validFor);
}

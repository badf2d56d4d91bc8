namespace FaaSr.Testing.Storage;

/// <summary>
/// A store that passes every call to an inner store: the base of decorators (counting, fault injection, access
/// restrictions), which override only the calls they change, the way an HTTP DelegatingHandler wraps the next handler.
/// </summary>
public abstract class DelegatingObjectStore(IObjectStore inner) : IObjectStore
{
    /// <summary>The store every call not overridden goes to.</summary>
    protected IObjectStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public virtual string Bucket => Inner.Bucket;

    public virtual IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Inner.ListAsync(prefix, cancellationToken);

    public virtual Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Inner.ExistsAsync(key, cancellationToken);

    public virtual Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => Inner.GetAsync(key, cancellationToken);

    public virtual Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken) =>
        Inner.GetFromAsync(key, offset, cancellationToken);

    public virtual Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        Inner.PutAsync(key, content, cancellationToken);

    public virtual Task DeleteAsync(string key, CancellationToken cancellationToken) => Inner.DeleteAsync(key, cancellationToken);

    public virtual Task EnsureBucketAsync(CancellationToken cancellationToken) => Inner.EnsureBucketAsync(cancellationToken);

    public virtual Uri PresignGet(string key, TimeSpan validFor) => Inner.PresignGet(key, validFor);

    public virtual Uri PresignPut(string key, TimeSpan validFor) => Inner.PresignPut(key, validFor);

    public override string ToString() => $"{GetType().Name} {{ {Inner} }}";
}

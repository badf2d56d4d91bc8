using FaaSr.Testing.Storage;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// The objects one invocation's functions write as user data: {folder}/{InvocationID}/{name} in the DefaultDataStore,
/// moved through the S3 API or through pre-signed URLs.
/// </summary>
internal sealed class UserDataObjects(IObjectStore store, string folder, string invocationId, ObjectTransfer transfer, TimeSpan urlLifetime,
    HttpClient http)
{
    public IObjectStore Store { get; } = store;

    /// <summary>"{folder}/{InvocationID}/"</summary>
    public string Prefix { get; } = $"{folder.Trim('/')}/{invocationId}/";

    public string KeyOf(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Prefix + name.TrimStart('/');
    }

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) => Store.ExistsAsync(KeyOf(name), cancellationToken);

    public async Task UploadAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        if (transfer == ObjectTransfer.PresignedUrls)
        {
            await PresignedHttp.PutAsync(http, Store.PresignPut(KeyOf(name), urlLifetime), content, cancellationToken);
        }
        else
        {
            await Store.PutAsync(KeyOf(name), content, cancellationToken);
        }
    }

    /// <summary>The object's bytes, or null when it does not exist.</summary>
    public Task<byte[]?> DownloadAsync(string name, CancellationToken cancellationToken) =>
        transfer == ObjectTransfer.PresignedUrls
            ? PresignedHttp.GetAsync(http, Store.PresignGet(KeyOf(name), urlLifetime), cancellationToken)
            : Store.GetAsync(KeyOf(name), cancellationToken);

    /// <summary>Names (relative to the prefix) of every object of this invocation's user data.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var stored in Store.ListAsync(Prefix, cancellationToken))
        {
            names.Add(stored.Key[Prefix.Length..]);
        }

        return names;
    }
}

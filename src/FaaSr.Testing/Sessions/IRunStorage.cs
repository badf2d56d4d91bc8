using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// The object stores one session's DataStores resolve to, and what functions need to reach them. Disposing releases
/// them (a local server stops and its data folder goes, unless retained); objects at real endpoints stay.
/// </summary>
public interface IRunStorage : IAsyncDisposable
{
    /// <summary>Where the objects live, for messages ("local S3 server (s3rver) at ..., data folder ..."); never a secret.</summary>
    string Description { get; }

    /// <summary>Endpoints functions must use instead of the workflow's own, keyed by DataStore name (empty: none).</summary>
    IReadOnlyDictionary<string, string> FunctionEndpoints { get; }

    /// <summary>{Store}_AccessKey and {Store}_SecretKey for every non-anonymous DataStore. Never printed.</summary>
    IReadOnlyDictionary<string, string> FunctionCredentials { get; }

    /// <summary>The store behind a DataStore name of the workflow.</summary>
    IObjectStore StoreFor(string dataStoreName);

    /// <summary>Keep the objects when disposing, where disposing would otherwise remove them.</summary>
    void Retain();
}

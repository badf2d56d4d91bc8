using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>The object stores a session's DataStores resolve to, and what functions need to reach them.</summary>
internal interface ISessionStorage : IAsyncDisposable
{
    /// <summary>Where the objects live, for messages; never a secret.</summary>
    string Description { get; }

    /// <summary>Endpoints functions must use instead of the workflow's own, keyed by DataStore name (empty: none).</summary>
    IReadOnlyDictionary<string, string> FunctionEndpoints { get; }

    /// <summary>{Store}_AccessKey and {Store}_SecretKey for every non-anonymous DataStore.</summary>
    IReadOnlyDictionary<string, string> FunctionCredentials { get; }

    IObjectStore StoreFor(string dataStoreName);

    /// <summary>Keep the objects when disposing, where disposing would otherwise remove them.</summary>
    void Retain();
}

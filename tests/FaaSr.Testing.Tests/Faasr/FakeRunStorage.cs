using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Faasr;

/// <summary>Storage for compute tests whose fake entry never reaches S3: endpoints and credentials only.</summary>
internal sealed class FakeRunStorage : IRunStorage
{
    public const string Endpoint = "http://127.0.0.1:9";

    public string Description => "no storage (the fake entry does not use S3)";

    public IReadOnlyDictionary<string, string> FunctionEndpoints { get; } = new Dictionary<string, string> { ["S3"] = Endpoint };

    public IReadOnlyDictionary<string, string> FunctionCredentials { get; } = new Dictionary<string, string>
    {
        ["S3_AccessKey"] = "fake-access",
        ["S3_SecretKey"] = "fake-secret",
    };

    public IObjectStore StoreFor(string dataStoreName) => throw new NotSupportedException("The fake entry does not use S3.");

    public void Retain()
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

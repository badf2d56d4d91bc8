using Docker.DotNet;

namespace FaaSr.Testing.Containers.Engine;

/// <summary>A Docker Engine API that answered: its client, where it answered and what it said it is.</summary>
public sealed class ContainerEngine(DockerClient client, Uri endpoint, string description) : IDisposable
{
    public DockerClient Client { get; } = client;

    public Uri Endpoint { get; } = endpoint;

    /// <summary>For example "Podman Engine 4.3.1 (API 1.41)".</summary>
    public string Description { get; } = description;

    public void Dispose() => Client.Dispose();
}

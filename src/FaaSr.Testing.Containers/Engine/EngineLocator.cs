using Docker.DotNet;
using Docker.DotNet.Models;

namespace FaaSr.Testing.Containers.Engine;

/// <summary>Finds a Docker Engine API that answers a ping: DOCKER_HOST first, then the usual sockets.</summary>
public static class EngineLocator
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How to get an engine when none answers, for messages.</summary>
    public const string StartHint = "start one with 'podman system service --time=0 unix:///run/podman/podman.sock &' (or point " +
        "DOCKER_HOST at a running engine)";

    /// <summary>The first engine that answers, or null.</summary>
    public static async Task<ContainerEngine?> TryFindAsync(Func<string, string?> environment, CancellationToken cancellationToken)
    {
        foreach (var endpoint in EngineEndpoints.Candidates(environment))
        {
            if (await TryConnectAsync(endpoint, cancellationToken).ConfigureAwait(false) is { } engine)
            {
                return engine;
            }
        }

        return null;
    }

    /// <summary>
    /// The first engine that answers; throws <see cref="NoContainerEngineException"/> with one line saying where it
    /// looked.
    /// </summary>
    public static async Task<ContainerEngine> FindAsync(Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var candidates = EngineEndpoints.Candidates(environment);
        return await TryFindAsync(environment, cancellationToken).ConfigureAwait(false)
            ?? throw new NoContainerEngineException(NoEngineMessage(environment, candidates));
    }

    public static Task<ContainerEngine> FindAsync(CancellationToken cancellationToken) =>
        FindAsync(Environment.GetEnvironmentVariable, cancellationToken);

    public static string NoEngineMessage(Func<string, string?> environment, IReadOnlyList<Uri> candidates)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var host = environment(EngineEndpoints.HostVariable);
        var hostText = string.IsNullOrEmpty(host) ? "DOCKER_HOST (unset)" : $"DOCKER_HOST ({host})";
        var sockets = candidates.Where(c => string.IsNullOrEmpty(host) || c.ToString() != new Uri(host).ToString());
        return $"No Docker API answered at {hostText} or the usual sockets ({EngineEndpoints.Describe(sockets)}); {StartHint}.";
    }

    /// <summary>
    /// A client for this endpoint when it answers a ping and a version request within 15 s (a loaded machine answers
    /// slowly), else null.
    /// </summary>
    public static async Task<ContainerEngine?> TryConnectAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
        {
            return null;
        }

        var client = new DockerClientBuilder().WithEndpoint(endpoint).Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PingTimeout);
            await client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            var version = await client.System.GetVersionAsync(timeout.Token).ConfigureAwait(false);
            return new ContainerEngine(client, endpoint, Describe(version));
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or DockerApiException
            or TimeoutException or System.Net.Sockets.SocketException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Dispose();
            return null;
        }
    }

    private static string Describe(VersionResponse version)
    {
        var name = version.Components?.FirstOrDefault()?.Name ?? version.Platform?.Name ?? "Docker Engine";
        return $"{name} {version.Version} (API {version.APIVersion})";
    }
}

namespace FaaSr.Testing.Containers.Engine;

/// <summary>
/// Where a Docker Engine API may answer, in the order they are tried: <c>DOCKER_HOST</c> when set, then the usual
/// sockets of Docker and podman (rootful and rootless).
/// </summary>
public static class EngineEndpoints
{
    public const string HostVariable = "DOCKER_HOST";

    public static IReadOnlyList<Uri> Candidates(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var candidates = new List<Uri>();
        if (environment(HostVariable) is { Length: > 0 } host)
        {
            candidates.Add(Parse(host));
        }

        var runtimeDirectory = environment("XDG_RUNTIME_DIR");
        var home = environment("HOME");
        var sockets = new List<string> { "/var/run/docker.sock", "/run/podman/podman.sock" };
        if (!string.IsNullOrEmpty(runtimeDirectory))
        {
            sockets.Add(Path.Combine(runtimeDirectory, "podman", "podman.sock"));
            sockets.Add(Path.Combine(runtimeDirectory, "docker.sock"));
        }

        if (!string.IsNullOrEmpty(home))
        {
            sockets.Add(Path.Combine(home, ".docker", "run", "docker.sock"));
        }

        foreach (var socket in sockets)
        {
            var uri = new Uri($"unix://{socket}");
            if (!candidates.Contains(uri))
            {
                candidates.Add(uri);
            }
        }

        return candidates;
    }

    /// <summary>The usual sockets alone, for messages.</summary>
    public static string Describe(IEnumerable<Uri> candidates) => string.Join(", ", candidates.Select(c => c.ToString()));

    private static Uri Parse(string host)
    {
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp" or "http" or "https" or "npipe"))
        {
            throw new NoContainerEngineException(
                $"{HostVariable}='{host}' is not an engine address: use unix:///path/to.sock or tcp://host:port.");
        }

        return uri;
    }
}

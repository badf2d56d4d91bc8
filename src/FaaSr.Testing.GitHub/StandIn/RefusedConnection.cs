namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// A connection the stand-in's proxy refused (403): anything but api.github.com:443. <paramref name="Request"/> is
/// the request line's method (CONNECT, or GET/POST... for a plain-HTTP request sent to the proxy).
/// </summary>
public sealed record RefusedConnection(DateTimeOffset At, string Host, int Port, string Request)
{
    public override string ToString() => $"{Host}:{Port} ({Request})";
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// An HTTP CONNECT proxy on 127.0.0.1: a tunnel to a host the resolver allows is relayed, byte for byte, to the
/// loopback endpoint it names (there TLS is terminated); every other CONNECT, and any plain-HTTP request sent to the
/// proxy, gets 403 and is reported. It never opens a connection off this machine.
/// </summary>
internal sealed class ConnectProxy : IAsyncDisposable
{
    private const int MaxHeaderBytes = 16 * 1024;
    private static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener listener;
    private readonly Func<string, int, IPEndPoint?> resolve;
    private readonly Action<RefusedConnection> refused;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<int, Task> connections = new();
    private readonly Task accepting;
    private int nextConnection;

    private ConnectProxy(TcpListener listener, Func<string, int, IPEndPoint?> resolve, Action<RefusedConnection> refused, TimeProvider clock)
    {
        this.listener = listener;
        this.resolve = resolve;
        this.refused = refused;
        this.clock = clock;
        accepting = AcceptAsync(stopping.Token);
    }

    public IPEndPoint Endpoint => (IPEndPoint)listener.LocalEndpoint;

    /// <param name="resolve">host, port → the loopback endpoint that serves it, or null to refuse.</param>
    public static ConnectProxy Start(Func<string, int, IPEndPoint?> resolve, Action<RefusedConnection> refused, TimeProvider clock)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new ConnectProxy(listener, resolve, refused, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(connections.Values);
        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var id = Interlocked.Increment(ref nextConnection);
            connections[id] = ServeAsync(client, id, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, int id, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            using (client)
            using (cancellationToken.Register(client.Dispose))
            {
                await TunnelAsync(client, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the proxy is stopping: nothing to answer.
        }
        finally
        {
            connections.TryRemove(id, out _);
        }
    }

    private async Task TunnelAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var (header, rest) = await ReadHeaderAsync(stream, cancellationToken);
        if (header is null)
        {
            await AnswerAsync(stream, 400, "Bad Request", "faasr-it GitHub stand-in: expected an HTTP request header.", cancellationToken);
            return;
        }

        var requestLine = header.Split("\r\n", 2)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length < 3)
        {
            await AnswerAsync(stream, 400, "Bad Request", "faasr-it GitHub stand-in: malformed request line.", cancellationToken);
            return;
        }

        var (method, target) = (requestLine[0], requestLine[1]);
        if (!TryParseTarget(method, target, out var host, out var port))
        {
            await AnswerAsync(stream, 400, "Bad Request", "faasr-it GitHub stand-in: this is a CONNECT proxy; send CONNECT host:port.", cancellationToken);
            return;
        }

        var backend = method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase) ? resolve(host, port) : null;
        if (backend is null)
        {
            refused(new RefusedConnection(clock.GetUtcNow(), host, port, method.ToUpperInvariant()));
            await AnswerAsync(stream, 403, "Forbidden", $"faasr-it GitHub stand-in: {host}:{port} is not reachable from this run; only api.github.com:443 is served.", cancellationToken);
            return;
        }

        using var upstream = new TcpClient(AddressFamily.InterNetwork);
        await upstream.ConnectAsync(backend, cancellationToken);
        using var closeUpstream = cancellationToken.Register(upstream.Dispose);
        var upstreamStream = upstream.GetStream();
        await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), cancellationToken);
        if (rest.Length > 0)
        {
            await upstreamStream.WriteAsync(rest, cancellationToken);
        }

        await Task.WhenAll(PumpAsync(stream, upstream.Client, cancellationToken), PumpAsync(upstreamStream, client.Client, cancellationToken));
    }

    /// <summary>Copies one direction until its end, then half-closes the other side so the far end sees it too.</summary>
    private static async Task PumpAsync(NetworkStream from, Socket to, CancellationToken cancellationToken)
    {
        try
        {
            await using var target = new NetworkStream(to, ownsSocket: false);
            await from.CopyToAsync(target, cancellationToken);
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            try
            {
                to.Shutdown(SocketShutdown.Both);
            }
            catch (Exception closed) when (closed is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }
        }
    }

    /// <summary>The request header (up to the blank line) and any bytes the client sent after it.</summary>
    private static async Task<(string? Header, byte[] Remaining)> ReadHeaderAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HeaderTimeout);
        var buffer = new byte[MaxHeaderBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token);
            if (read == 0)
            {
                return (null, []);
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (Encoding.ASCII.GetString(buffer, 0, end), buffer[(end + 4)..length]);
            }
        }

        return (null, []);
    }

    /// <summary>CONNECT host:port, or an absolute http://host[:port]/ URL (plain HTTP sent to a proxy).</summary>
    private static bool TryParseTarget(string method, string target, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        if (method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
        {
            var colon = target.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(target[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
            {
                return false;
            }

            host = target[..colon].Trim('[', ']').ToLowerInvariant();
            return host.Length > 0;
        }

        if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            host = uri.Host.ToLowerInvariant();
            port = uri.Port;
            return true;
        }

        return false;
    }

    private static async Task AnswerAsync(NetworkStream stream, int status, string reason, string text, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(text + "\n");
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
    }
}

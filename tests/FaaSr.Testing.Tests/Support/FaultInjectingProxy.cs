using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FaaSr.Testing.Tests.Support;

/// <summary>
/// A loopback HTTP/1.1 proxy in front of a real S3 server: the first requests meet the scripted faults, the rest
/// are forwarded. It answers one request per connection and counts every request it receives.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Host", "Proxy-Connection", "Upgrade",
    };

    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-MD5", "Content-Encoding", "Content-Language", "Content-Disposition", "Expires", "Content-Range",
    };

    private readonly TcpListener listener;
    private readonly Uri upstream;
    private readonly Queue<ProxyFault> faults;
    private readonly Lock faultsGate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient upstreamClient = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Task acceptLoop;
    private int requestCount;

    private FaultInjectingProxy(Uri upstream, IEnumerable<ProxyFault> faultsFirst)
    {
        this.upstream = upstream;
        faults = new Queue<ProxyFault>(faultsFirst);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
        acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where clients should connect instead of the upstream server.</summary>
    public Uri Url { get; }

    /// <summary>Requests received so far, faulted or forwarded.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    public static FaultInjectingProxy Start(Uri upstream, params ProxyFault[] faultsFirst) => new(upstream, faultsFirst);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a connection.
        }

        upstreamClient.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        var handlers = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    break;
                }

                handlers.Add(HandleConnectionAsync(client));
            }
        }
        finally
        {
            await Task.WhenAll(handlers).ConfigureAwait(false);
        }
    }

    private async Task HandleConnectionAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await HandleRequestAsync(client, stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the proxy is stopping; the client sees the broken connection.
            }
        }
    }

    private async Task HandleRequestAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var request = await ReadRequestHeadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        Interlocked.Increment(ref requestCount);
        ProxyFault? fault;
        lock (faultsGate)
        {
            fault = faults.Count > 0 ? faults.Dequeue() : null;
        }

        if (fault == ProxyFault.ResetConnection)
        {
            client.Client.LingerState = new LingerOption(enable: true, seconds: 0);
            client.Client.Close();
            return;
        }

        var body = await ReadBodyAsync(stream, request, cancellationToken).ConfigureAwait(false);
        switch (fault)
        {
            case ProxyFault.NoAnswer:
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                return;
            case ProxyFault.SlowDown:
                await WriteErrorAsync(stream, 503, "Service Unavailable", "SlowDown", "Please reduce your request rate.", cancellationToken)
                    .ConfigureAwait(false);
                return;
            case ProxyFault.InternalError:
                await WriteErrorAsync(stream, 500, "Internal Server Error", "InternalError", "We encountered an internal error.", cancellationToken)
                    .ConfigureAwait(false);
                return;
            default:
                await ForwardAsync(stream, request, body, fault, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private static string ETagAfter(ProxyFault? fault, string header, string value) =>
        !header.Equals("ETag", StringComparison.OrdinalIgnoreCase) ? value : fault switch
        {
            ProxyFault.TornETag => "\"\"",
            ProxyFault.StaleETag => "\"0123456789abcdef0123456789abcdef\"",
            _ => value,
        };

    private async Task ForwardAsync(NetworkStream stream, RequestHead request, byte[] body, ProxyFault? fault, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(upstream, request.Target));
        if (body.Length > 0 || request.Method is "PUT" or "POST")
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (HopByHopHeaders.Contains(name))
            {
                continue;
            }

            if (ContentHeaders.Contains(name))
            {
                message.Content ??= new ByteArrayContent(body);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await upstreamClient.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (HopByHopHeaders.Contains(header.Key))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                head.Append(CultureInfo.InvariantCulture, $"{header.Key}: {ETagAfter(fault, header.Key, value)}\r\n");
            }
        }

        var contentLength = request.Method == "HEAD" ? response.Content.Headers.ContentLength ?? 0 : responseBody.Length;
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
        if (request.Method != "HEAD")
        {
            await stream.WriteAsync(responseBody, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteErrorAsync(
        NetworkStream stream, int status, string reason, string code, string text, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{text}</Message></Error>");
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/xml\r\n" +
                   $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RequestHead?> ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => (Name: parts[0].Trim(), Value: parts[1].Trim()))
            .ToList();
        return new RequestHead(requestLine[0], requestLine[1], headers);
    }

    private static async Task<byte[]> ReadBodyAsync(NetworkStream stream, RequestHead request, CancellationToken cancellationToken)
    {
        if (request.Headers.Any(h => h.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)))
        {
            throw new NotSupportedException("The fault-injecting proxy only understands requests with Content-Length.");
        }

        var lengthHeader = request.Headers.FirstOrDefault(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase));
        var length = lengthHeader.Value is null ? 0 : int.Parse(lengthHeader.Value, CultureInfo.InvariantCulture);
        if (length > 0 && request.Headers.Any(h => h.Name.Equals("Expect", StringComparison.OrdinalIgnoreCase)))
        {
            await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return body;
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private sealed record RequestHead(string Method, string Target, List<(string Name, string Value)> Headers);
}

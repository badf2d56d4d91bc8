using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FaaSr.Testing.Storage.Faults;

/// <summary>
/// A loopback HTTP/1.1 proxy (127.0.0.1, a free port) in front of an S3 server that injects the faults a busy S3
/// gives: scripted ones for the first requests, or faults at a rate (<see cref="RandomFaults"/>); every other request
/// is forwarded unchanged, its Host header included, so signed requests stay valid. It answers one request per
/// connection and counts what it did. Used by the tests and by <c>faasr-it run --s3-faults RATE</c>.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    /// <summary>The largest request body the proxy buffers (S3 clients here upload far less in one request).</summary>
    private const int MaxBodyBytes = 256 * 1024 * 1024;

    private const int MaxHeadBytes = 64 * 1024;

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
    private readonly Queue<ProxyFault> scripted;
    private readonly RandomFaults? random;
    private readonly Random generator;
    private readonly Lock faultsGate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient upstreamClient = new(
        new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false });
    private readonly int[] faultCounts = new int[Enum.GetValues<ProxyFault>().Length];
    private readonly Task acceptLoop;
    private int requestCount;

    private FaultInjectingProxy(Uri upstream, IEnumerable<ProxyFault> scriptedFirst, RandomFaults? random)
    {
        this.upstream = upstream;
        this.random = random;
        scripted = new Queue<ProxyFault>(scriptedFirst);
        generator = new Random(random?.Seed ?? 0);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
        acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where clients should connect instead of the upstream server.</summary>
    public Uri Url { get; }

    /// <summary>The server requests are forwarded to.</summary>
    public Uri Upstream => upstream;

    /// <summary>Requests received so far, faulted or forwarded.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    /// <summary>How many requests met <paramref name="fault"/> so far.</summary>
    public int CountOf(ProxyFault fault) => Volatile.Read(ref faultCounts[(int)fault]);

    /// <summary>Requests that met any fault so far.</summary>
    public int FaultCount => Enum.GetValues<ProxyFault>().Sum(CountOf);

    /// <summary>Starts a proxy whose first requests meet <paramref name="faultsFirst"/>, in order; later ones are forwarded.</summary>
    public static FaultInjectingProxy Start(Uri upstream, params ProxyFault[] faultsFirst)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        return new(upstream, faultsFirst, null);
    }

    /// <summary>Starts a proxy that faults requests at <paramref name="faults"/>' rate.</summary>
    public static FaultInjectingProxy Start(Uri upstream, RandomFaults faults)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(faults);
        if (RandomFaults.RateProblem(faults.Rate) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(faults), faults.Rate, problem);
        }

        return new(upstream, [], faults);
    }

    /// <summary>"254 requests, 61 faulted: 44 SlowDown (503), 6 reset, 5 reset after forwarding, 6 truncated".</summary>
    public string Summary()
    {
        var parts = Enum.GetValues<ProxyFault>().Where(f => CountOf(f) > 0).Select(f => $"{CountOf(f)} {Describe(f)}");
        var faulted = FaultCount;
        return faulted == 0
            ? $"{RequestCount} requests, none faulted"
            : $"{RequestCount} requests, {faulted} faulted: {string.Join(", ", parts)}";
    }

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

    private static string Describe(ProxyFault fault) => fault switch
    {
        ProxyFault.SlowDown => "SlowDown (503)",
        ProxyFault.InternalError => "InternalError (500)",
        ProxyFault.ResetConnection => "reset",
        ProxyFault.ResetAfterForwarding => "reset after forwarding",
        ProxyFault.TruncatedBody => "truncated",
        ProxyFault.NoAnswer => "unanswered",
        ProxyFault.TornETag => "torn ETag",
        ProxyFault.StaleETag => "stale ETag",
        _ => fault.ToString(),
    };

    private ProxyFault? NextFault()
    {
        lock (faultsGate)
        {
            if (scripted.Count > 0)
            {
                return scripted.Dequeue();
            }

            return random?.Next(generator);
        }
    }

    private void Count(ProxyFault fault) => Interlocked.Increment(ref faultCounts[(int)fault]);

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

                handlers.RemoveAll(h => h.IsCompleted);
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
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException
                                                  or ObjectDisposedException or HttpRequestException or InvalidDataException)
            {
                // The client or the upstream went away, the request was malformed, or the proxy is stopping: the
                // client sees the broken connection, as it would with a real S3 front end.
                Reset(client);
            }
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(enable: true, seconds: 0);
            client.Client.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
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
        var fault = NextFault();
        if (fault == ProxyFault.ResetConnection)
        {
            Count(ProxyFault.ResetConnection);
            Reset(client);
            return;
        }

        var body = await ReadBodyAsync(stream, request, cancellationToken).ConfigureAwait(false);
        switch (fault)
        {
            case ProxyFault.NoAnswer:
                Count(ProxyFault.NoAnswer);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                return;
            case ProxyFault.SlowDown:
                Count(ProxyFault.SlowDown);
                await WriteErrorAsync(stream, 503, "Service Unavailable", "SlowDown", "Please reduce your request rate.", cancellationToken)
                    .ConfigureAwait(false);
                return;
            case ProxyFault.InternalError:
                Count(ProxyFault.InternalError);
                await WriteErrorAsync(stream, 500, "Internal Server Error", "InternalError", "We encountered an internal error.",
                    cancellationToken)
                    .ConfigureAwait(false);
                return;
            default:
                await ForwardAsync(client, request, body, fault, cancellationToken).ConfigureAwait(false);
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

    private async Task ForwardAsync(TcpClient client, RequestHead request, byte[] body, ProxyFault? fault,
        CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(upstream, request.Target));
        if (body.Length > 0 || request.Method is "PUT" or "POST")
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                // Signed requests sign the Host they were sent to: keep it, so the server's signature check holds.
                message.Headers.Host = value;
            }
            else if (HopByHopHeaders.Contains(name))
            {
                continue;
            }
            else if (ContentHeaders.Contains(name))
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
        var isHead = request.Method == "HEAD";
        if (fault == ProxyFault.ResetAfterForwarding || (fault == ProxyFault.TruncatedBody && (isHead || responseBody.Length < 2)))
        {
            // The server has acted on the request; the client never hears of it (a body too short to cut is reset too).
            Count(ProxyFault.ResetAfterForwarding);
            Reset(client);
            return;
        }

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

        var contentLength = isHead ? response.Content.Headers.ContentLength ?? 0 : responseBody.Length;
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
        if (fault == ProxyFault.TruncatedBody)
        {
            Count(ProxyFault.TruncatedBody);
            await stream.WriteAsync(responseBody.AsMemory(0, responseBody.Length / 2), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            Reset(client);
            return;
        }

        if (fault is ProxyFault.TornETag or ProxyFault.StaleETag)
        {
            Count(fault.Value);
        }

        if (!isHead)
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
            if (head.Count > MaxHeadBytes)
            {
                throw new InvalidDataException($"A request head longer than {MaxHeadBytes} bytes.");
            }
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length < 2 || lines.Skip(1).Any(line => !line.Contains(':', StringComparison.Ordinal)))
        {
            throw new InvalidDataException("A malformed request head.");
        }

        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => (Name: parts[0].Trim(), Value: parts[1].Trim()))
            .ToList();
        return new RequestHead(requestLine[0], requestLine[1], headers);
    }

    private static async Task<byte[]> ReadBodyAsync(NetworkStream stream, RequestHead request, CancellationToken cancellationToken)
    {
        if (request.Header("Expect") is not null && (request.Header("Content-Length") is not (null or "0") || request.IsChunked))
        {
            await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        if (request.IsChunked)
        {
            return await ReadChunkedBodyAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var length = request.Header("Content-Length") is { } text ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        if (length > MaxBodyBytes)
        {
            throw new InvalidDataException($"A request body of {length} bytes, more than the proxy buffers.");
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return body;
    }

    private static async Task<byte[]> ReadChunkedBodyAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                    // Trailer fields end at an empty line.
                }

                return body.ToArray();
            }

            if (size < 0 || body.Length + size > MaxBodyBytes)
            {
                throw new InvalidDataException("A chunked request body larger than the proxy buffers.");
            }

            var chunk = new byte[size];
            await stream.ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
            body.Write(chunk);
            await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n')
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0 || line.Count > MaxHeadBytes)
            {
                throw new InvalidDataException("A chunked request body ended early.");
            }

            line.Add(one[0]);
        }

        return Encoding.ASCII.GetString(line.ToArray(), 0, line.Count - 2);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private sealed record RequestHead(string Method, string Target, List<(string Name, string Value)> Headers)
    {
        public bool IsChunked => Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

        public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The loopback HTTP endpoint the Python client stubs call (FaaSr's RPC server, docs/rpc-protocol.md), one for a whole run.
/// Each instance registers with a random token that its process sends as "Authorization: Bearer {token}", so a
/// process can act only as its own instance.
/// </summary>
internal sealed class FunctionRpcServer : IAsyncDisposable
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private readonly HttpListener listener;
    private readonly ConcurrentDictionary<string, IRpcSession> sessions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    private FunctionRpcServer(HttpListener listener, int port)
    {
        this.listener = listener;
        Port = port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <exception cref="ExecutionEnvironmentException">No loopback port could be opened.</exception>
    public static FunctionRpcServer Start()
    {
        HttpListenerException? last = null;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var port = FreeLoopbackPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FunctionRpcServer(listener, port);
            }
            catch (HttpListenerException e)
            {
                // Another process took the port between the probe and the bind: try another one.
                last = e;
                listener.Close();
            }
        }

        throw new ExecutionEnvironmentException($"Cannot open a loopback port for the function RPC server: {last?.Message}", last!);
    }

    /// <summary>Registers a session; dispose the result to unregister. The token goes into the process's environment.</summary>
    public (string Token, IDisposable Registration) Register(IRpcSession session)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        sessions[token] = session;
        return (token, new Unregistration(sessions, token));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Close();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is ObjectDisposedException or HttpListenerException or OperationCanceledException)
        {
            // Closing the listener ends the accept loop with one of these.
        }

        stopping.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or HttpListenerException && stopping.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        RpcReply reply;
        try
        {
            reply = await ReplyAsync(context.Request);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            reply = RpcReply.Failed($"Local FaaSr RPC server error: {e.GetType().Name}: {e.Message}", 500);
        }
        catch (OperationCanceledException)
        {
            reply = RpcReply.Failed("The local run was cancelled.", 503);
        }

        try
        {
            var body = Encoding.UTF8.GetBytes(reply.Body.ToJsonString());
            context.Response.StatusCode = reply.StatusCode;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, stopping.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The process went away (killed or timed out) before reading its answer.
            context.Response.Abort();
        }
    }

    private async Task<RpcReply> ReplyAsync(HttpListenerRequest request)
    {
        var authorization = request.Headers["Authorization"] ?? string.Empty;
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.Ordinal)
            || !sessions.TryGetValue(authorization[scheme.Length..], out var session))
        {
            return RpcReply.Failed("Unknown or missing instance token.", 401);
        }

        if (request.HttpMethod != "POST")
        {
            return RpcReply.Failed($"Use POST, not {request.HttpMethod}.", 405);
        }

        if (request.ContentLength64 > MaxBodyBytes)
        {
            return RpcReply.Failed($"Request body over {MaxBodyBytes} bytes.", 413);
        }

        // ContentLength64 is -1 for a chunked body: count what is actually read.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.InputStream.ReadAsync(chunk, stopping.Token)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return RpcReply.Failed($"Request body over {MaxBodyBytes} bytes.", 413);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var body = await JsonDocument.ParseAsync(buffer, cancellationToken: stopping.Token);
        var route = request.Url?.AbsolutePath.Trim('/') ?? string.Empty;
        return await session.HandleAsync(route, body.RootElement, stopping.Token);
    }

    private sealed class Unregistration(ConcurrentDictionary<string, IRpcSession> sessions, string token) : IDisposable
    {
        public void Dispose() => sessions.TryRemove(token, out _);
    }
}

using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// A stand-in for GitHub's REST API on this machine, for code that cannot be pointed anywhere but api.github.com
/// (FaaSr-Backend, FaaSr-workflow's scripts) and for contract tests of faasr-it's own GitHub client. Everything
/// listens on 127.0.0.1 only:
/// <list type="bullet">
/// <item>a CONNECT proxy (<see cref="ProxyUri"/>) that tunnels api.github.com:443 to a TLS endpoint with a server
/// certificate from a CA made for this run (<see cref="CaPemPath"/>), and refuses every other host with 403, recording
/// it (<see cref="RefusedHosts"/>): the run's proof that nothing else was reached;</item>
/// <item>the same routes over plain HTTP at <see cref="ApiBaseUrl"/>, for clients that take a base URL
/// (<c>--github-api-url</c>, Octokit's GitHub Enterprise form with <c>/api/v3</c> works too).</item>
/// </list>
/// Every request is recorded (<see cref="Requests"/>), dispatches too (<see cref="Dispatches"/>, and
/// <see cref="GitHubStandInOptions.OnDispatch"/>), each with an Actions run a test plays on (<see cref="Runs"/>).
/// Disposing stops it and deletes its CA file.
/// </summary>
public sealed class GitHubStandIn : IAsyncDisposable
{
    public const string ApiHost = "api.github.com";
    private const int HttpsPort = 443;

    private readonly StandInCertificateAuthority authority;
    private readonly WebApplication server;
    private readonly ConnectProxy proxy;
    private readonly GitHubApi api;
    private readonly StandInJournal journal;
    private readonly string folder;

    private GitHubStandIn(StandInCertificateAuthority authority, WebApplication server, ConnectProxy proxy, GitHubApi api, StandInJournal journal, string folder, Uri apiBaseUrl)
    {
        this.authority = authority;
        this.server = server;
        this.proxy = proxy;
        this.api = api;
        this.journal = journal;
        this.folder = folder;
        ApiBaseUrl = apiBaseUrl;
        ProxyUri = new Uri($"http://127.0.0.1:{proxy.Endpoint.Port}");
        CaPemPath = Path.Combine(folder, "github-stand-in-ca.pem");
    }

    /// <summary>The CONNECT proxy, for HTTPS_PROXY: <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri ProxyUri { get; }

    /// <summary>The routes over plain HTTP: <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri ApiBaseUrl { get; }

    /// <summary>The run's CA certificate (PEM), for REQUESTS_CA_BUNDLE, SSL_CERT_FILE, GIT_SSL_CAINFO, PIP_CERT.</summary>
    public string CaPemPath { get; }

    public StandInCertificateAuthority CertificateAuthority => authority;

    /// <summary>
    /// The variables that send a process's HTTPS to the stand-in and make it trust the CA: HTTPS_PROXY (both cases),
    /// the CA bundle variables of Python requests, OpenSSL, curl, git and pip, and NO_PROXY for loopback (so local S3
    /// and FaaSr's RPC go direct). HTTP_PROXY is deliberately not set.
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["HTTPS_PROXY"] = ProxyUri.GetLeftPart(UriPartial.Authority),
        ["https_proxy"] = ProxyUri.GetLeftPart(UriPartial.Authority),
        ["NO_PROXY"] = "127.0.0.1,localhost,::1",
        ["no_proxy"] = "127.0.0.1,localhost,::1",
        ["REQUESTS_CA_BUNDLE"] = CaPemPath,
        ["SSL_CERT_FILE"] = CaPemPath,
        ["CURL_CA_BUNDLE"] = CaPemPath,
        ["GIT_SSL_CAINFO"] = CaPemPath,
        ["PIP_CERT"] = CaPemPath,
    };

    public IReadOnlyCollection<StandInRepository> Repositories => api.Repositories;

    /// <summary>Every request answered, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => journal.Requests;

    /// <summary>Every connection the proxy refused, in order.</summary>
    public IReadOnlyList<RefusedConnection> Refusals => journal.Refusals;

    /// <summary>The hosts the proxy refused, each once, sorted: what to report by name.</summary>
    public IReadOnlyList<string> RefusedHosts => journal.Refusals.Select(r => r.Host).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every accepted workflow_dispatch, in order.</summary>
    public IReadOnlyList<WorkflowDispatch> Dispatches => journal.Dispatches;

    /// <summary>Every Actions run, one per accepted dispatch (queued until a test plays it on), in dispatch order.</summary>
    public IReadOnlyList<StandInWorkflowRun> Runs => api.Runs;

    /// <summary>The run made for <paramref name="dispatch"/>.</summary>
    public StandInWorkflowRun RunOf(WorkflowDispatch dispatch) => api.Runs.Single(r => r.Id == dispatch.RunId);

    public static async Task<GitHubStandIn> StartAsync(GitHubStandInOptions options, CancellationToken cancellationToken) =>
        await StartAsync(options, TimeProvider.System, cancellationToken);

    public static async Task<GitHubStandIn> StartAsync(GitHubStandInOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("faasr-it-github-standin-").FullName;
        var authority = StandInCertificateAuthority.Create();
        WebApplication? server = null;
        try
        {
            var journal = new StandInJournal();
            var api = new GitHubApi(options, journal, clock);
            var certificate = authority.IssueServerCertificate([ApiHost]);
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(GitHubStandIn).Assembly.GetName().Name });
            builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
                kestrel.Listen(IPAddress.Loopback, 0);
            });
            server = builder.Build();
            server.Run(context => ServeAsync(context, api, journal, clock));
            await server.StartAsync(cancellationToken);
            var addresses = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a)).ToList();
            var tls = addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);
            var plain = addresses.Single(a => a.Scheme == Uri.UriSchemeHttp);
            var tlsEndpoint = new IPEndPoint(IPAddress.Loopback, tls.Port);
            var proxy = ConnectProxy.Start(
                (host, port) => host.Equals(ApiHost, StringComparison.OrdinalIgnoreCase) && port == HttpsPort ? tlsEndpoint : null,
                journal.Record,
                clock);
            var standIn = new GitHubStandIn(authority, server, proxy, api, journal, folder, new Uri($"http://127.0.0.1:{plain.Port}/"));
            await File.WriteAllTextAsync(standIn.CaPemPath, authority.ExportPem(), cancellationToken);
            return standIn;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            authority.Dispose();
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>The repository served as <paramref name="fullName"/> (owner/name, any case).</summary>
    /// <exception cref="KeyNotFoundException">The stand-in serves no such repository.</exception>
    public StandInRepository Repository(string fullName)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        return (slash > 0 ? api.Find(fullName[..slash], fullName[(slash + 1)..]) : null)
            ?? throw new KeyNotFoundException($"The GitHub stand-in serves no repository {fullName}.");
    }

    /// <summary>Makes the next matching requests fail as <paramref name="fault"/> says.</summary>
    public void AddFault(StandInFault fault) => journal.AddFault(fault);

    /// <summary>Serves one more route (tried before the built-in ones).</summary>
    public void AddRoute(StandInRoute route) => api.AddRoute(route);

    /// <summary>An HttpClient handler that goes through the proxy and trusts this run's CA (and nothing else).</summary>
    public SocketsHttpHandler CreateHttpHandler() => new()
    {
        Proxy = new WebProxy(ProxyUri),
        UseProxy = true,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = authority.ValidationCallback() },
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    };

    public async ValueTask DisposeAsync()
    {
        await proxy.DisposeAsync();
        await server.StopAsync(CancellationToken.None);
        await server.DisposeAsync();
        authority.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static async Task ServeAsync(HttpContext context, GitHubApi api, StandInJournal journal, TimeProvider clock)
    {
        var cancellationToken = context.RequestAborted;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, cancellationToken);
        var request = new RecordedRequest(
            clock.GetUtcNow(),
            context.Request.Method,
            context.Request.Scheme,
            context.Request.Host.Value ?? string.Empty,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
        journal.Record(request);
        StandInResponse response;
        try
        {
            response = await api.RespondAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            response = StandInResponse.Error(500, $"faasr-it GitHub stand-in failed: {exception.GetType().Name}: {exception.Message}");
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in api.CommonHeaders().Concat(response.Headers))
        {
            context.Response.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, cancellationToken);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FaaSr.Testing.GitHub.StandIn;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>The stand-in's CONNECT proxy: TLS for api.github.com with the run's CA, 403 and a record for every other host.</summary>
[TestClass]
public sealed class GitHubStandInProxyTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task HttpsToApiGitHubComGoesThroughTheProxyAndTheCertificateChainsToTheRunsCa()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        X509Certificate2? presented = null;
        using var handler = standIn.CreateHttpHandler();
        var trust = handler.SslOptions.RemoteCertificateValidationCallback!;
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return trust(sender, certificate, chain, errors);
        };
        using var client = new HttpClient(handler);

        using var response = await client.GetAsync("https://api.github.com/repos/owner/repo/contents/README.md?ref=main", Token);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.AreEqual("# served by the stand-in\n", Encoding.UTF8.GetString(Convert.FromBase64String(json.RootElement.GetProperty("content").GetString()!)));
        var request = standIn.Requests.Single();
        Assert.IsTrue(request.ThroughProxy);
        Assert.AreEqual("api.github.com", request.Host);
        Assert.AreEqual("/repos/owner/repo/contents/README.md", request.Path);
        Assert.AreEqual("https://api.github.com/repos/owner/repo/contents/README.md?ref=main", json.RootElement.GetProperty("url").GetString(), "URLs in answers are the ones the client used");
        Assert.IsNotNull(presented);
        using (presented)
        {
            Assert.AreEqual(standIn.CertificateAuthority.Certificate.Subject, presented.Issuer);
            Assert.IsTrue(presented.MatchesHostname("api.github.com"));
            Assert.IsFalse(presented.MatchesHostname("pypi.org"));
        }

        Assert.IsEmpty(standIn.Refusals);
    }

    [TestMethod]
    public async Task AClientThatDoesNotTrustTheRunsCaIsRefusedByTls()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var handler = new SocketsHttpHandler { Proxy = new WebProxy(standIn.ProxyUri), UseProxy = true };
        using var client = new HttpClient(handler);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://api.github.com/repos/owner/repo", Token));

        Assert.IsInstanceOfType<AuthenticationException>(failure.InnerException, failure.ToString());
        Assert.IsEmpty(standIn.Requests, "no request reached the routes");
    }

    [TestMethod]
    public async Task TheCaOfOneRunDoesNotVouchForAnotherRunsStandIn()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var first = await StartAsync(folder);
        await using var second = await StartAsync(folder);
        using var handler = first.CreateHttpHandler();
        handler.Proxy = new WebProxy(second.ProxyUri);
        using var client = new HttpClient(handler);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://api.github.com/repos/owner/repo", Token));

        Assert.IsInstanceOfType<AuthenticationException>(failure.InnerException, failure.ToString());
    }

    [TestMethod]
    public async Task EveryOtherHostIsRefusedWith403AndReportedByName()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        using var client = new HttpClient(standIn.CreateHttpHandler());

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://pypi.org/simple/", Token));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://github.com/FaaSr/FaaSr-Backend", Token));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://api.github.com:8443/", Token));
        using var plainHttp = await client.GetAsync("http://example.com/index.html", Token);

        Assert.AreEqual(HttpStatusCode.Forbidden, plainHttp.StatusCode, "plain HTTP sent to the proxy is refused too");
        CollectionAssert.AreEqual(new[] { "api.github.com", "example.com", "github.com", "pypi.org" }, standIn.RefusedHosts.ToArray());
        CollectionAssert.AreEqual(
            new[] { "pypi.org:443 (CONNECT)", "github.com:443 (CONNECT)", "api.github.com:8443 (CONNECT)", "example.com:80 (GET)" },
            standIn.Refusals.Select(r => r.ToString()).ToArray());
        Assert.IsEmpty(standIn.Requests);
    }

    [TestMethod]
    public async Task TheProxyAndTheRoutesListenOnLoopbackOnly()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);

        Assert.AreEqual("127.0.0.1", standIn.ProxyUri.Host);
        Assert.AreEqual("127.0.0.1", standIn.ApiBaseUrl.Host);
        var pem = await File.ReadAllTextAsync(standIn.CaPemPath, Token);
        using var ca = X509Certificate2.CreateFromPem(pem);
        Assert.IsTrue(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.AreEqual(standIn.CertificateAuthority.Certificate.Thumbprint, ca.Thumbprint);
        Assert.AreEqual(standIn.CaPemPath, standIn.ClientEnvironment["REQUESTS_CA_BUNDLE"]);
        Assert.AreEqual(standIn.ProxyUri.GetLeftPart(UriPartial.Authority), standIn.ClientEnvironment["HTTPS_PROXY"]);
        Assert.IsFalse(standIn.ClientEnvironment.ContainsKey("HTTP_PROXY"), "plain HTTP (local S3, FaaSr's RPC) must go direct");
    }

    [TestMethod]
    public async Task DisposingDeletesTheCaFileAndClosesThePorts()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        var standIn = await StartAsync(folder);
        var (pem, proxy, api) = (standIn.CaPemPath, standIn.ProxyUri, standIn.ApiBaseUrl);

        await standIn.DisposeAsync();

        Assert.IsFalse(File.Exists(pem));
        Assert.IsFalse(Directory.Exists(Path.GetDirectoryName(pem)));
        using var client = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(api, Token));
        using var tcp = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(async () => await tcp.ConnectAsync(proxy.Host, proxy.Port, Token));
    }

    [TestMethod]
    public async Task PythonsStandardLibraryTrustsTheCaThroughSslCertFileAndHttpsProxy()
    {
        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        const string script = """
            import json, urllib.request, urllib.error
            with urllib.request.urlopen("https://api.github.com/repos/owner/repo/contents/functions/Flow/step.py?ref=main") as r:
                print("status", r.status)
                print("type", json.load(r)["type"])
            try:
                urllib.request.urlopen("https://pypi.org/simple/")
                print("pypi reached")
            except urllib.error.URLError as e:
                print("pypi refused")
            """;

        var (exitCode, output) = await RunPythonAsync(standIn, script);

        Assert.AreEqual(0, exitCode, output);
        StringAssert.Contains(output, "status 200");
        StringAssert.Contains(output, "type file");
        StringAssert.Contains(output, "pypi refused");
        CollectionAssert.Contains(standIn.RefusedHosts.ToList(), "pypi.org");
        Assert.AreEqual("/repos/owner/repo/contents/functions/Flow/step.py", standIn.Requests.Single().Path);
    }

    [TestMethod]
    public async Task PythonRequestsTrustsTheCaThroughRequestsCaBundle()
    {
        if (!await PythonHasAsync("requests"))
        {
            Assert.Inconclusive("python3 has no 'requests' module (Debian: apt-get install python3-requests); the Python requests check is skipped.");
        }

        using var folder = await StandInFolder.CreateAsync(Token);
        await using var standIn = await StartAsync(folder);
        const string script = """
            import base64, requests
            r = requests.get("https://api.github.com/repos/owner/repo/contents/data.bin", params={"ref": "main"}, headers={"Authorization": "token t0ken"})
            print("status", r.status_code)
            print("bytes", list(base64.b64decode(r.json()["content"])))
            t = requests.get("https://api.github.com/repos/owner/repo/tarball")
            print("tarball", t.status_code, t.headers["Content-Type"], t.content[:2].hex())
            try:
                requests.get("https://files.pythonhosted.org/packages/x.whl")
                print("reached")
            except requests.exceptions.ProxyError:
                print("proxy refused")
            """;

        var (exitCode, output) = await RunPythonAsync(standIn, script);

        Assert.AreEqual(0, exitCode, output);
        StringAssert.Contains(output, "status 200");
        StringAssert.Contains(output, $"bytes [{string.Join(", ", StandInFolder.Binary)}]");
        StringAssert.Contains(output, "tarball 200 application/x-gzip 1f8b");
        StringAssert.Contains(output, "proxy refused");
        CollectionAssert.AreEqual(new[] { "files.pythonhosted.org" }, standIn.RefusedHosts.ToArray());
        Assert.AreEqual("token t0ken", standIn.Requests[0].Header("Authorization"));
    }

    private static Task<GitHubStandIn> StartAsync(StandInFolder folder) =>
        GitHubStandIn.StartAsync(new GitHubStandInOptions { Repositories = [new StandInRepositorySource("owner", "repo", folder.Root)] }, CancellationToken.None);

    /// <summary>Debian's interpreter when present (a pyenv python3 on PATH may lack Debian's packages), else python3.</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private async Task<bool> PythonHasAsync(string module)
    {
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", $"import {module}"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await process.WaitForExitAsync(Token);
        return process.ExitCode == 0;
    }

    private async Task<(int ExitCode, string Output)> RunPythonAsync(GitHubStandIn standIn, string script)
    {
        var start = new ProcessStartInfo(Python, ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in new[] { "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in standIn.ClientEnvironment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return (process.ExitCode, await output + await error);
    }
}

namespace FaaSr.Testing.GitHub.Api;

/// <summary>
/// Sends GitHub's REST API version with every request (<c>X-GitHub-Api-Version</c>), which Octokit 14 does not: the
/// answers' shapes then stay those this code was written against when GitHub publishes a newer version.
/// </summary>
internal sealed class GitHubApiVersionHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string Header = "X-GitHub-Api-Version";

    /// <summary>The version faasr-it's calls follow (docs/github.md).</summary>
    public const string Version = "2022-11-28";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains(Header))
        {
            request.Headers.TryAddWithoutValidation(Header, Version);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

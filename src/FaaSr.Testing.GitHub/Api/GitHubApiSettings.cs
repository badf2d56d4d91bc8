using System.Text;
using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Api;

/// <summary>
/// Where GitHub's REST API is and how faasr-it talks to it: the API root (https://api.github.com/, a GitHub Enterprise
/// Server's https://HOST/api/v3/, or the loopback stand-in), the token and the variable it came from (named in
/// messages, never the value), and how long a rate limit or a failing server is waited for before giving up.
/// Printed without the token.
/// </summary>
public sealed record GitHubApiSettings(Uri ApiUrl, string Token, string TokenVariable)
{
    public static readonly Uri PublicApiUrl = new("https://api.github.com/");

    /// <summary>The variables a token is read from, in order: FaaSr's own, then the one GitHub Actions gives a job.</summary>
    public static readonly IReadOnlyList<string> TokenVariables = ["GH_PAT", "GITHUB_TOKEN"];

    /// <summary>The variable GitHub Actions sets to its API root; --github-api-url wins over it.</summary>
    public const string ApiUrlVariable = "GITHUB_API_URL";

    /// <summary>A rate limit that resets later than this is reported instead of waited for.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a request that got a 5xx (or no answer) is tried again, with a doubling delay.</summary>
    public int ServerErrorRetries { get; init; } = 2;

    /// <summary>The delay before the first retry after a 5xx; each further one doubles it.</summary>
    public TimeSpan ServerErrorDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The API root from <paramref name="given"/> (--github-api-url), else <see cref="ApiUrlVariable"/>'s value, else
    /// <see cref="PublicApiUrl"/>; always ending in '/', so that Octokit's relative paths keep an /api/v3 prefix.
    /// </summary>
    /// <exception cref="BadInputException">The URL is not an absolute http(s) URL.</exception>
    public static Uri ParseApiUrl(string? given, string? fromEnvironment)
    {
        var (text, source) = !string.IsNullOrWhiteSpace(given) ? (given, "--github-api-url")
            : !string.IsNullOrWhiteSpace(fromEnvironment) ? (fromEnvironment, ApiUrlVariable)
            : (PublicApiUrl.ToString(), "the default");
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.UserInfo))
        {
            throw new BadInputException(
                $"{source} '{text}' is not a GitHub API root: give an absolute http(s) URL without query or credentials, such as https://api.github.com or https://github.example.com/api/v3.");
        }

        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"ApiUrl = {ApiUrl}, TokenVariable = {TokenVariable}");
        return true;
    }
}

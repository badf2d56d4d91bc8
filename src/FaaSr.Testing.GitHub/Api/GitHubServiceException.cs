using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Api;

/// <summary>
/// GitHub could not do its part: it kept answering 5xx, could not be reached, or its rate limit is exhausted for
/// longer than faasr-it waits (<see cref="RateLimitResetsAt"/> then says until when). The input may be fine; an
/// environment problem, exit 3. The message names the endpoint and GitHub's message, never the token.
/// </summary>
public sealed class GitHubServiceException(string message, int? status, GitHubEndpoint endpoint, Exception? inner = null)
    : EnvironmentProblemException(message, inner)
{
    /// <summary>The last HTTP status, or null when no answer came.</summary>
    public int? Status { get; } = status;

    public GitHubEndpoint Endpoint { get; } = endpoint;

    /// <summary>When the exhausted rate limit resets, or null when this is not a rate limit.</summary>
    public DateTimeOffset? RateLimitResetsAt { get; init; }
}

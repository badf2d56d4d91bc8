using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Api;

/// <summary>
/// GitHub refused a request because of what it was given: a token it does not accept (401) or that may not do this
/// (403), a repository or file that is not there for this token (404), a conflict or invalid data (409, 422). Bad
/// input, exit 2. The message names the endpoint and repeats GitHub's own message; it never holds the token.
/// </summary>
public sealed class GitHubRequestException(string message, int status, GitHubEndpoint endpoint) : BadInputException(message)
{
    public int Status { get; } = status;

    public GitHubEndpoint Endpoint { get; } = endpoint;
}

using FaaSr.Testing.GitHub.Api;

namespace FaaSr.Testing.GitHub.Compute;

/// <summary>
/// A repository and branch where some of the workflow's actions run (one GitHubActions server, or several naming the
/// same repository), the connection with its server's token, and the Actions workflow file of each of its actions.
/// </summary>
internal sealed record FollowedRepository(
    RepositoryName Name, string Branch, GitHubConnection Connection, IReadOnlyDictionary<string, string> ActionsByWorkflowFile)
{
    /// <summary>
    /// The action whose registered workflow is at <paramref name="workflowPath"/> (".github/workflows/X-a.yml"), or null.
    /// </summary>
    public string? ActionOf(string? workflowPath) =>
        workflowPath is not null && ActionsByWorkflowFile.TryGetValue(Path.GetFileName(workflowPath), out var action) ? action : null;
}

using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.GitHub.Registration;

/// <summary>
/// After registration, asks GitHub (through Octokit) for each GitHubActions action's workflow file,
/// <c>.github/workflows/{WorkflowName}-{action}.yml</c>, on the branch FaaSr dispatches it on (the server's Branch,
/// else the repository's default branch): <c>GET /repos/{o}/{r}/contents/{path}?ref={branch}</c>. A 404 is a missing
/// file; any other refusal is an error naming the endpoint.
/// </summary>
public sealed class RegisteredWorkflowCheck(GitHubConnection github)
{
    /// <summary>The file each GitHubActions action needs, with the server's Branch (null: the default branch).</summary>
    public static IReadOnlyList<(string Action, string Path, string? Branch)> ExpectedFiles(WorkflowDocument document) =>
        document.Actions
            .Where(a => document.ComputeServers.TryGetValue(a.FaaSServer, out var server) && server.FaaSType == FaaSTypes.GitHubActions.Name)
            .Select(a => (a.Name, $".github/workflows/{document.WorkflowName}-{a.Name}.yml", document.ComputeServers[a.FaaSServer].Field("Branch") is { Length: > 0 } branch ? branch : null))
            .ToList();

    public async Task<IReadOnlyList<MissingWorkflowFile>> FindMissingAsync(RepositoryName repository, WorkflowDocument document, CancellationToken cancellationToken)
    {
        string? defaultBranch = null;
        var missing = new List<MissingWorkflowFile>();
        foreach (var (action, path, serverBranch) in ExpectedFiles(document))
        {
            var branch = serverBranch ?? (defaultBranch ??= (await github.RunAsync(
                GitHubEndpoint.Get($"/repos/{repository}"),
                client => client.Repository.Get(repository.Owner, repository.Name),
                cancellationToken)).DefaultBranch);
            try
            {
                await github.RunAsync(
                    GitHubEndpoint.Get($"/repos/{repository}/contents/{path}?ref={branch}"),
                    client => client.Repository.Content.GetAllContentsByRef(repository.Owner, repository.Name, path, branch),
                    cancellationToken);
            }
            catch (GitHubRequestException exception) when (exception.Status == 404)
            {
                missing.Add(new MissingWorkflowFile(action, path, branch));
            }
        }

        return missing;
    }
}

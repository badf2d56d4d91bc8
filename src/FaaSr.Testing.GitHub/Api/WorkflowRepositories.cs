using FaaSr.Testing.Errors;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.GitHub.Api;

/// <summary>
/// The GitHub repositories a workflow's actions run in: UserName/ActionRepoName of every GitHubActions server an
/// action uses, else GITHUB_REPOSITORY. Secrets sync puts secrets there; register registers there.
/// </summary>
public static class WorkflowRepositories
{
    public const string Variable = "GITHUB_REPOSITORY";

    /// <exception cref="BadInputException">No GitHubActions server runs an action and GITHUB_REPOSITORY is not set, or a name is not OWNER/NAME.</exception>
    public static IReadOnlyList<RepositoryName> Of(IReadOnlyList<WorkflowDocument> workflows, SettingSources settings)
    {
        var repositories = new List<RepositoryName>();
        foreach (var workflow in workflows)
        {
            foreach (var (serverName, server) in GitHubServersOf(workflow))
            {
                if (server.Field("UserName") is { Length: > 0 } owner && server.Field("ActionRepoName") is { Length: > 0 } name)
                {
                    repositories.Add(RepositoryName.Parse($"{owner}/{name}", $"{workflow.WorkflowName}: ComputeServers.{serverName}"));
                }
            }
        }

        if (repositories.Count == 0 && settings.Get(Variable) is { } fromSettings)
        {
            repositories.Add(RepositoryName.Parse(fromSettings, Variable));
        }

        if (repositories.Count == 0)
        {
            throw new BadInputException($"No GitHub repository: no GitHubActions server runs an action and {Variable} is not set; name one with --repo OWNER/NAME.");
        }

        return repositories.DistinctBy(r => r.ToString().ToUpperInvariant()).ToList();
    }

    /// <summary>The GitHubActions servers that run at least one action, by name.</summary>
    public static IEnumerable<(string Name, ComputeServer Server)> GitHubServersOf(WorkflowDocument workflow) =>
        workflow.Actions.Select(a => a.FaaSServer).Distinct(StringComparer.Ordinal)
            .Where(name => workflow.ComputeServers.TryGetValue(name, out var server) && server.FaaSType == FaaSTypes.GitHubActions.Name)
            .Select(name => (name, workflow.ComputeServers[name]));
}

using System.Text.RegularExpressions;
using FaaSr.Testing.Errors;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.GitHub.Secrets;

/// <summary>A secret to set: its name and where its value is (the environment or a .env file). Never the value.</summary>
public sealed record PlannedSecret(string Name, string Source);

/// <summary>
/// What <c>secrets sync</c> sets: the secrets the workflows' Actions jobs import (<see cref="WorkflowSecretNames"/>)
/// that the settings hold, in each repository (--repo, else the repositories of the workflows' GitHubActions servers
/// that run actions, else GITHUB_REPOSITORY), and the names no setting holds. Values stay in the settings until sent.
/// </summary>
public sealed partial record SecretSyncPlan(IReadOnlyList<RepositoryName> Repositories, IReadOnlyList<PlannedSecret> Secrets, IReadOnlyList<string> Missing)
{
    public const string RepositoryVariable = "GITHUB_REPOSITORY";

    /// <exception cref="BadInputException">No repository can be told, or a name is one GitHub refuses.</exception>
    public static SecretSyncPlan For(IReadOnlyList<WorkflowDocument> workflows, SettingSources settings, RepositoryName? repository)
    {
        var names = workflows.SelectMany(WorkflowSecretNames.Of).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var refused = names.Where(name => !GitHubSecretName().IsMatch(name) || name.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase)).ToList();
        if (refused.Count > 0)
        {
            throw new BadInputException(
                $"GitHub refuses these secret names: {string.Join(", ", refused)}. A name is letters, digits and '_', does not start with a digit or GITHUB_; rename the server, data store or declared Secret.");
        }

        var secrets = new List<PlannedSecret>();
        var missing = new List<string>();
        foreach (var name in names)
        {
            if (settings.SourceOf(name) is { } source)
            {
                secrets.Add(new PlannedSecret(name, source));
            }
            else
            {
                missing.Add(name);
            }
        }

        return new SecretSyncPlan(repository is null ? RepositoriesOf(workflows, settings) : [repository], secrets, missing);
    }

    private static List<RepositoryName> RepositoriesOf(IReadOnlyList<WorkflowDocument> workflows, SettingSources settings)
    {
        var repositories = new List<RepositoryName>();
        foreach (var workflow in workflows)
        {
            foreach (var serverName in workflow.Actions.Select(a => a.FaaSServer).Distinct(StringComparer.Ordinal))
            {
                if (workflow.ComputeServers.TryGetValue(serverName, out var server) && server.FaaSType == FaaSTypes.GitHubActions.Name
                    && server.Field("UserName") is { Length: > 0 } owner && server.Field("ActionRepoName") is { Length: > 0 } name)
                {
                    repositories.Add(RepositoryName.Parse($"{owner}/{name}", $"{workflow.WorkflowName}: ComputeServers.{serverName}"));
                }
            }
        }

        if (repositories.Count == 0 && settings.Get(RepositoryVariable) is { } fromSettings)
        {
            repositories.Add(RepositoryName.Parse(fromSettings, RepositoryVariable));
        }

        if (repositories.Count == 0)
        {
            throw new BadInputException($"No repository to put the secrets in: no GitHubActions server runs an action and {RepositoryVariable} is not set; name one with --repo OWNER/NAME.");
        }

        return repositories.DistinctBy(r => r.ToString().ToUpperInvariant()).ToList();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubSecretName();
}

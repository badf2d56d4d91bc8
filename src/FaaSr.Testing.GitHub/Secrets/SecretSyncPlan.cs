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
    public const string RepositoryVariable = WorkflowRepositories.Variable;

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

        return new SecretSyncPlan(repository is null ? WorkflowRepositories.Of(workflows, settings) : [repository], secrets, missing);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubSecretName();
}

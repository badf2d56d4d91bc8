using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.Profiles;
using Octokit;

namespace FaaSr.Testing.GitHub.Secrets;

/// <summary>
/// Puts a <see cref="SecretSyncPlan"/>'s secrets into each repository's Actions secrets: the repository's public key
/// once (<c>GET /repos/{o}/{r}/actions/secrets/public-key</c>), then each value sealed for it
/// (<see cref="SecretSealer"/>) and sent with the key's id (<c>PUT /repos/{o}/{r}/actions/secrets/{name}</c>).
/// Each secret set is reported by name as it is set; a failure says which were set before it and which were not.
/// </summary>
public sealed class SecretSync(GitHubConnection github)
{
    /// <summary>Sets every secret of <paramref name="plan"/>, reading each value from <paramref name="settings"/>; returns the lines reported.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(SecretSyncPlan plan, SettingSources settings, Action<string> report, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var repository in plan.Repositories)
        {
            var set = new List<string>();
            try
            {
                var key = await github.RunAsync(
                    GitHubEndpoint.Get($"/repos/{repository}/actions/secrets/public-key"),
                    client => client.Repository.Actions.Secrets.GetPublicKey(repository.Owner, repository.Name),
                    cancellationToken);
                foreach (var secret in plan.Secrets)
                {
                    var value = settings.Get(secret.Name) ?? throw new InvalidOperationException($"{secret.Name} was in the settings when the plan was made.");
                    var upsert = new UpsertRepositorySecret { EncryptedValue = SecretSealer.Seal(value, key.Key, repository.ToString()), KeyId = key.KeyId };
                    await github.RunAsync(
                        GitHubEndpoint.Put($"/repos/{repository}/actions/secrets/{secret.Name}"),
                        client => client.Repository.Actions.Secrets.CreateOrUpdate(repository.Owner, repository.Name, secret.Name, upsert),
                        cancellationToken);
                    set.Add(secret.Name);
                    var line = $"{repository}: set {secret.Name} (from {secret.Source})";
                    lines.Add(line);
                    report(line);
                }
            }
            catch (GitHubRequestException exception)
            {
                throw new GitHubRequestException(exception.Message + Progress(plan, repository, set), exception.Status, exception.Endpoint);
            }
            catch (GitHubServiceException exception)
            {
                throw new GitHubServiceException(exception.Message + Progress(plan, repository, set), exception.Status, exception.Endpoint, exception.InnerException)
                {
                    RateLimitResetsAt = exception.RateLimitResetsAt,
                };
            }
        }

        return lines;
    }

    private static string Progress(SecretSyncPlan plan, RepositoryName repository, List<string> set)
    {
        var notSet = plan.Secrets.Select(s => s.Name).Except(set, StringComparer.Ordinal).ToList();
        var before = plan.Repositories.TakeWhile(r => r != repository).ToList();
        return $" In {repository}, set before this: {(set.Count == 0 ? "none" : string.Join(", ", set))}; not set: {string.Join(", ", notSet)}"
            + (before.Count > 0 ? $"; {string.Join(", ", before)} were done before it." : ".")
            + " Run secrets sync again once this is fixed.";
    }
}

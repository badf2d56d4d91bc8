using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.GitHub.Compute;

/// <summary>Registers the "github" compute in a catalog (replacing its announcement).</summary>
public static class GitHubBackends
{
    /// <param name="catalog">The catalog to add it to.</param>
    /// <param name="options">The compute's options; the token and the API root's default come from the settings.</param>
    public static BackendCatalog AddTo(BackendCatalog catalog, GitHubComputeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.AddCompute(ComputeNames.GitHub, context =>
            new GitHubCompute((options ?? new GitHubComputeOptions()) with { Clock = context.Clock }, context.Settings));
    }
}

using System.CommandLine;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Cli;

/// <summary>The options every verb that talks to GitHub takes, and the connection they make.</summary>
internal static class GitHubOptions
{
    public static Option<string?> ApiUrl() => new("--github-api-url")
    {
        Description = $"GitHub's API root: https://HOST/api/v3 for GitHub Enterprise Server; default {GitHubApiSettings.ApiUrlVariable}, else {GitHubApiSettings.PublicApiUrl}.",
    };

    public static Option<string?> EnvFile() => new("--env-file")
    {
        Description = "The .env file to read besides the environment (the environment wins); default: the repository's .env.",
    };

    /// <summary>The settings: the environment, and --env-file (which must exist) or the workflow's repository's .env.</summary>
    public static SettingSources Settings(string? envFile, string workflowFile)
    {
        if (envFile is not null && !File.Exists(envFile))
        {
            throw new SettingsException($"--env-file {envFile}: no such file.");
        }

        return SettingSources.FromEnvironment(envFile is null ? WorkflowEnvFile.For(workflowFile) : Path.GetFullPath(envFile));
    }

    /// <summary>A connection with the token of the first of GH_PAT, GITHUB_TOKEN that is set.</summary>
    /// <exception cref="SettingsException">Neither is set.</exception>
    public static GitHubConnection Connect(SettingSources settings, string? apiUrl)
    {
        var url = GitHubApiSettings.ParseApiUrl(apiUrl, settings.Get(GitHubApiSettings.ApiUrlVariable));
        var variable = GitHubApiSettings.TokenVariables.FirstOrDefault(name => settings.Get(name) is not null) ?? GitHubApiSettings.TokenVariables[0];
        var token = settings.Require(variable, $"a GitHub token for {url} (a classic token with the repo and workflow scopes, or a fine-grained one for the repository)");
        return new GitHubConnection(new GitHubApiSettings(url, token, variable));
    }
}

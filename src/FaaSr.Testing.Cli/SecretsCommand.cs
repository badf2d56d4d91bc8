using System.CommandLine;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.Secrets;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it secrets sync WORKFLOW... [--repo OWNER/NAME] [--env-file FILE] [--dry-run] [--skip-missing] [--github-api-url URL]</c>:
/// puts the secrets the workflows' GitHub Actions jobs import ({Server}_PAT and the other servers' keys, {Store}_AccessKey
/// and _SecretKey, declared Secrets) from the environment and .env into the repository's Actions secrets, sealed with
/// its public key. Lists each name it set and where the value came from, never a value. Exit 0 when all are set (or,
/// with --dry-run, would be), 2 for an invalid workflow, a missing value (unless --skip-missing) or a request GitHub
/// refuses, 3 when GitHub fails or its rate limit lasts too long.
/// </summary>
internal static class SecretsCommand
{
    public static Command Create()
    {
        var workflows = new Argument<string[]>("WORKFLOW") { Description = "Workflow JSON files whose secrets to set.", Arity = ArgumentArity.OneOrMore };
        var repository = new Option<string?>("--repo")
        {
            Description = $"OWNER/NAME of the repository; default: that of the workflows' GitHubActions servers, else {SecretSyncPlan.RepositoryVariable}.",
        };
        var envFile = GitHubOptions.EnvFile();
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be set, and from where, without contacting GitHub." };
        var skipMissing = new Option<bool>("--skip-missing") { Description = "Set the secrets that have a value and list the others, instead of refusing." };
        var apiUrl = GitHubOptions.ApiUrl();
        var sync = new Command("sync", "Set the Actions secrets the workflows need, sealed with the repository's public key; lists names, never values.")
        {
            workflows,
            repository,
            envFile,
            dryRun,
            skipMissing,
            apiUrl,
        };
        sync.SetAction((parseResult, cancellationToken) => SyncAsync(
            parseResult.GetValue(workflows)!,
            parseResult.GetValue(repository),
            parseResult.GetValue(envFile),
            parseResult.GetValue(dryRun),
            parseResult.GetValue(skipMissing),
            parseResult.GetValue(apiUrl),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return new Command("secrets", "GitHub Actions secrets of a workflow's repository.") { sync };
    }

    private static async Task<int> SyncAsync(
        string[] workflowFiles, string? repository, string? envFile, bool dryRun, bool skipMissing, string? apiUrl, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var documents = workflowFiles.Select(file => WorkflowLoader.Load(file).Document).ToList();
        var settings = GitHubOptions.Settings(envFile, workflowFiles[0]);
        var plan = SecretSyncPlan.For(documents, settings, repository is null ? null : RepositoryName.Parse(repository, "--repo"));
        var lookedIn = settings.EnvFilePath is null ? "the environment (no .env file)" : $"the environment or {settings.EnvFilePath}";
        if (plan.Missing.Count > 0 && !skipMissing)
        {
            throw new SettingsException(
                $"No value in {lookedIn} for {string.Join(", ", plan.Missing)}, which the workflow's jobs import; set them (.env.template lists them) or pass --skip-missing. Nothing was set.");
        }

        foreach (var name in plan.Missing)
        {
            await error.WriteLineAsync($"secrets sync: skipped {name}: no value in {lookedIn}.");
        }

        var repositories = string.Join(", ", plan.Repositories);
        if (dryRun)
        {
            foreach (var target in plan.Repositories)
            {
                foreach (var secret in plan.Secrets)
                {
                    await output.WriteLineAsync($"{target}: would set {secret.Name} (from {secret.Source})");
                }
            }

            await output.WriteLineAsync($"Dry run: {plan.Secrets.Count} secrets for {repositories}; GitHub was not contacted.");
            return ExitCodes.Success;
        }

        var github = GitHubOptions.Connect(settings, apiUrl);
        await new SecretSync(github).ApplyAsync(plan, settings, output.WriteLine, cancellationToken);
        await output.WriteLineAsync($"Set {plan.Secrets.Count} secrets in {repositories} at {github.Settings.ApiUrl}; values are never shown.");
        return ExitCodes.Success;
    }
}

using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.GitHub.Registration;

/// <summary>What to register: the workflow file (validated), its repository, where FaaSr-workflow's scripts are, and how to run them.</summary>
public sealed record RegistrationRequest(string WorkflowFile, WorkflowDocument Document, RepositoryName Repository, WorkflowTools Tools)
{
    /// <summary>Sets CUSTOM_CONTAINER=true, so images outside FaaSr's native_containers.txt are accepted (the pipeline built them).</summary>
    public bool CustomContainers { get; init; }

    public string Python { get; init; } = OperatingSystem.IsWindows() ? "python" : "python3";
}

/// <summary>How a registration ended: the files GitHub holds for it, and those it lacks.</summary>
public sealed record RegistrationResult(IReadOnlyList<string> Files, IReadOnlyList<MissingWorkflowFile> Missing)
{
    public bool Complete => Missing.Count == 0;
}

/// <summary>
/// Registers a workflow the way FaaSr-workflow does, by running its own register_workflow.py (so a change to
/// FaaSr-workflow is what gets tested), then checks with Octokit that each GitHubActions action's workflow file is on
/// its branch. <see cref="DryRunAsync"/> does the same against a GitHub stand-in on this machine and saves what the
/// script pushed.
/// </summary>
public static class WorkflowRegistration
{
    /// <summary>The token the script and the check use in a dry run; the stand-in accepts any.</summary>
    public const string DryRunToken = "faasr-it-dry-run";

    /// <summary>
    /// Runs the script with <paramref name="environment"/> plus GH_PAT (the connection's token), GITHUB_REPOSITORY and
    /// CUSTOM_CONTAINER, then checks the repository through <paramref name="github"/>.
    /// </summary>
    public static async Task<RegistrationResult> RegisterAsync(
        RegistrationRequest request, GitHubConnection github, IReadOnlyDictionary<string, string> environment, Func<string, string> redact, Action<string> line, CancellationToken cancellationToken)
    {
        var scriptEnvironment = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["GH_PAT"] = github.Settings.Token,
            [WorkflowRepositories.Variable] = request.Repository.ToString(),
            ["CUSTOM_CONTAINER"] = request.CustomContainers ? "true" : "false",
        };
        await RegistrationScript.RunAsync(request.Tools, request.Python, request.WorkflowFile, scriptEnvironment, redact, line, cancellationToken);
        var missing = await new RegisteredWorkflowCheck(github).FindMissingAsync(request.Repository, request.Document, cancellationToken);
        var files = RegisteredWorkflowCheck.ExpectedFiles(request.Document).Select(f => f.Path).Except(missing.Select(m => m.Path), StringComparer.Ordinal).ToList();
        return new RegistrationResult(files, missing);
    }

    /// <summary>
    /// Registers against a GitHub stand-in that serves an empty <see cref="RegistrationRequest.Repository"/> (the
    /// script's HTTPS to api.github.com goes there through its proxy), then writes every file the script pushed under
    /// <paramref name="outputFolder"/>, which is emptied first.
    /// </summary>
    public static async Task<RegistrationResult> DryRunAsync(
        RegistrationRequest request, IReadOnlyDictionary<string, string> environment, string outputFolder, Func<string, string> redact, Action<string> line, CancellationToken cancellationToken)
    {
        var branch = RegisteredWorkflowCheck.ExpectedFiles(request.Document).Select(f => f.Branch).FirstOrDefault(b => b is not null) ?? "main";
        await using var standIn = await GitHubStandIn.StartAsync(
            new GitHubStandInOptions { Repositories = [new StandInRepositorySource(request.Repository.Owner, request.Repository.Name, null, branch)] },
            cancellationToken);
        var throughStandIn = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var (name, value) in standIn.ClientEnvironment)
        {
            throughStandIn[name] = value;
        }

        var github = new GitHubConnection(new GitHubApiSettings(standIn.ApiBaseUrl, DryRunToken, "the dry run's token"));
        var result = await RegisterAsync(request, github, throughStandIn, redact, line, cancellationToken);
        if (Directory.Exists(outputFolder))
        {
            Directory.Delete(outputFolder, recursive: true);
        }

        Directory.CreateDirectory(outputFolder);
        var repository = standIn.Repository(request.Repository.ToString());
        await repository.SaveWrittenFilesAsync(outputFolder, cancellationToken);
        return result with { Files = repository.WrittenFiles.Keys.Order(StringComparer.Ordinal).ToList() };
    }
}

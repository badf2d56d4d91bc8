using System.Text.Json;
using System.Text.Json.Nodes;
using FaaSr.Testing.Errors;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;
using Octokit;

namespace FaaSr.Testing.GitHub.Compute;

/// <summary>
/// The "github" compute: GitHub Actions runs the workflow, as in the cloud. It sends the entry action's
/// workflow_dispatch with FaaSr's inputs (OVERWRITTEN with the InvocationID and timestamp decided in advance,
/// PAYLOAD_URL naming the pushed workflow file), as FaaSr-workflow's invoke_workflow.py does, then follows every
/// Actions run of the invocation (<see cref="GitHubComputeRun"/>). Everything goes through Octokit and
/// <see cref="GitHubConnection"/> (rate limits waited for, errors naming the endpoint, never the token).
/// </summary>
public sealed class GitHubCompute(GitHubComputeOptions options, SettingSources settings) : IWorkflowCompute
{
    /// <summary>The branch FaaSr dispatches on when a server names none.</summary>
    public const string DefaultBranch = "main";

    public string Name => ComputeNames.GitHub;

    public string Description => $"GitHub Actions at {ApiUrl}";

    public GitHubComputeOptions Options => options;

    private Uri ApiUrl => GitHubApiSettings.ParseApiUrl(options.ApiUrl, settings.Get(GitHubApiSettings.ApiUrlVariable));

    /// <exception cref="BadInputException">The entry action is not on a GitHubActions server, a token is missing, the workflow file
    /// or the entry's Actions workflow is not in the repository, or GitHub refused the request.</exception>
    /// <exception cref="GitHubServiceException">GitHub could not be reached or its rate limit lasts too long.</exception>
    public async Task<IComputeRun> StartAsync(ComputeStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var document = start.Graph.Document;
        var entry = start.Graph.Action(document.FunctionInvoke);
        var repositories = Repositories(document);
        var entryRepository = repositories.FirstOrDefault(r => r.ActionsByWorkflowFile.Values.Contains(entry.Name, StringComparer.Ordinal))
            ?? throw new BadInputException(
                $"Workflow '{document.WorkflowName}', action '{entry.Name}': its server '{entry.FaaSServer}' is not a GitHubActions "
                + "server, and the github compute starts a workflow on GitHub Actions.");
        foreach (var (store, endpoint) in start.Storage.FunctionEndpoints)
        {
            options.Report?.Invoke(
                $"github: data store {store} is at {endpoint} for this run, but the actions on GitHub use the Endpoint of the "
                + "workflow file they read; run the github compute with storage 'workflow'.");
        }

        var workflowPath = options.WorkflowPath ?? $"workflows/{document.WorkflowName}.json";
        await CheckWorkflowFileAsync(entryRepository, workflowPath, document, cancellationToken);

        var run = new GitHubComputeRun(start, repositories, options);
        try
        {
            await run.NoteEarlierRunsAsync(cancellationToken);
            var runId = await DispatchEntryAsync(entryRepository, start, workflowPath, cancellationToken);
            run.Follow(runId);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every repository and branch of a GitHubActions server that runs an action, with its token.</summary>
    private List<FollowedRepository> Repositories(WorkflowDocument document)
    {
        var url = ApiUrl;
        var followed = new List<FollowedRepository>();
        foreach (var (serverName, server) in WorkflowRepositories.GitHubServersOf(document))
        {
            var name = RepositoryName.Parse(
                $"{server.Field("UserName")}/{server.Field("ActionRepoName")}",
                $"Workflow '{document.WorkflowName}': ComputeServers.{serverName} (UserName/ActionRepoName)");
            var branch = server.Field("Branch") is { Length: > 0 } given ? given : DefaultBranch;
            var files = document.Actions.Where(a => a.FaaSServer == serverName)
                .ToDictionary(a => WorkflowFileOf(document, a.Name), a => a.Name, StringComparer.Ordinal);
            var existing = followed.FindIndex(r =>
                r.Name.ToString().Equals(name.ToString(), StringComparison.OrdinalIgnoreCase) && r.Branch == branch);
            if (existing >= 0)
            {
                var merged = new Dictionary<string, string>(followed[existing].ActionsByWorkflowFile, StringComparer.Ordinal);
                foreach (var (file, action) in files)
                {
                    merged[file] = action;
                }

                followed[existing] = followed[existing] with { ActionsByWorkflowFile = merged };
                continue;
            }

            var variable = new[] { $"{serverName}_PAT", "GH_PAT", "GITHUB_TOKEN" }.FirstOrDefault(v => settings.Get(v) is not null)
                ?? throw new SettingsException(
                    $"Workflow '{document.WorkflowName}': no GitHub token for server '{serverName}' ({name}): set {serverName}_PAT, "
                    + "GH_PAT or GITHUB_TOKEN in the environment or .env (a classic token with the repo and workflow scopes).");
            var connection = new GitHubConnection(
                new GitHubApiSettings(url, settings.Get(variable)!, variable)
                {
                    MaxRateLimitWait = options.MaxRateLimitWait,
                    ServerErrorDelay = options.ServerErrorDelay,
                },
                options.Clock,
                report: options.Report);
            followed.Add(new FollowedRepository(name, branch, connection, files));
        }

        return followed;
    }

    /// <summary>The Actions workflow register_workflow.py writes for an action: .github/workflows/{WorkflowName}-{action}.yml.</summary>
    internal static string WorkflowFileOf(WorkflowDocument document, string action) => $"{document.WorkflowName}-{action}.yml";

    /// <summary>
    /// The actions read the workflow from the repository (PAYLOAD_URL), not from this machine: it must be there, and
    /// when it differs from the local file the run tests the pushed one, which is said in one line.
    /// </summary>
    private async Task CheckWorkflowFileAsync(
        FollowedRepository repository, string path, WorkflowDocument document, CancellationToken cancellationToken)
    {
        var (owner, name) = (repository.Name.Owner, repository.Name.Name);
        IReadOnlyList<RepositoryContent> contents;
        try
        {
            contents = await repository.Connection.RunAsync(
                GitHubEndpoint.Get($"/repos/{repository.Name}/contents/{path}?ref={repository.Branch}"),
                client => client.Repository.Content.GetAllContentsByRef(owner, name, path, repository.Branch),
                cancellationToken);
        }
        catch (GitHubRequestException missing) when (missing.Status == 404)
        {
            throw new BadInputException(
                $"Workflow '{document.WorkflowName}': the workflow file {path} is not on branch {repository.Branch} of "
                + $"{repository.Name}, where FaaSr's actions read it (PAYLOAD_URL): commit and push it. ({missing.Message})");
        }

        var pushed = contents.FirstOrDefault()?.Content;
        JsonNode? parsed = null;
        try
        {
            parsed = pushed is null ? null : JsonNode.Parse(pushed);
        }
        catch (JsonException)
        {
            // Reported below as a difference.
        }

        if (!JsonNode.DeepEquals(parsed, document.Raw))
        {
            options.Report?.Invoke(
                $"github: {path} on {repository.Name}@{repository.Branch} differs from the local workflow file; the actions run "
                + "the pushed one (commit and push to test the local one).");
        }
    }

    /// <summary>The entry's dispatch, asking for the run's id; null when GitHub answered 204 without it.</summary>
    private static async Task<long?> DispatchEntryAsync(
        FollowedRepository repository, ComputeStart start, string workflowPath, CancellationToken cancellationToken)
    {
        var document = start.Graph.Document;
        var file = WorkflowFileOf(document, document.FunctionInvoke);
        var path = $"repos/{repository.Name}/actions/workflows/{file}/dispatches";
        var endpoint = GitHubEndpoint.Post("/" + path);
        var overwritten = new JsonObject
        {
            ["FunctionInvoke"] = document.FunctionInvoke,
            ["InvocationID"] = start.Folder.InvocationId,
            ["InvocationTimestamp"] = start.Folder.InvocationTimestamp,
        };
        var inputs = new Dictionary<string, object>
        {
            [WorkflowDispatch.OverwrittenInput] = overwritten.ToJsonString(),
            [WorkflowDispatch.PayloadUrlInput] = $"{repository.Name}/{repository.Branch}/{workflowPath}",
        };

        async Task<long?> SendAsync(bool askForDetails)
        {
            CreateWorkflowDispatch body = askForDetails
                ? new DispatchWithRunDetails(repository.Branch) { Inputs = inputs }
                : new CreateWorkflowDispatch(repository.Branch) { Inputs = inputs };
            var response = await repository.Connection.RunAsync(
                endpoint,
                client => client.Connection.Post<DispatchRunDetails>(
                    new Uri(path, UriKind.Relative), body, "application/vnd.github+json", "application/json"),
                cancellationToken);
            return response.Body is { WorkflowRunId: > 0 } details ? details.WorkflowRunId : null;
        }

        try
        {
            return await SendAsync(askForDetails: true);
        }
        catch (GitHubRequestException refused)
            when (refused.Status == 422 && refused.Message.Contains("return_run_details", StringComparison.Ordinal))
        {
            // A GitHub Enterprise Server that predates the field refuses it (and dispatched nothing): send FaaSr's own body.
            return await SendAsync(askForDetails: false);
        }
        catch (GitHubRequestException missing) when (missing.Status == 404)
        {
            throw new GitHubRequestException(
                $"{missing.Message} The Actions workflow .github/workflows/{file} of the entry action '{document.FunctionInvoke}' "
                + $"is not in {repository.Name} (or the token cannot see it): register the workflow first (faasr-it register).",
                404,
                missing.Endpoint);
        }
    }
}

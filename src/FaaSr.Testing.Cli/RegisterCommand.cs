using System.Collections;
using System.CommandLine;
using FaaSr.Testing.Errors;
using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.Registration;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it register WORKFLOW [--workflow-tools DIR] [--custom-containers] [--dry-run] [--repo OWNER/NAME] [--env-file FILE] [--github-api-url URL] [--python PATH]</c>:
/// validates the workflow, runs FaaSr-workflow's own scripts/register_workflow.py (from --workflow-tools,
/// FAASR_IT_WORKFLOW_TOOLS or a filled faasr_workflow/), then checks with Octokit that every GitHubActions action's
/// .github/workflows/{WorkflowName}-{action}.yml is in the repository on its branch. --dry-run does it against a
/// GitHub stand-in on this machine and writes the pushed files under artifacts/registration/{WorkflowName}/.
/// Exit 0 when every file is there, 1 when registration ran but files are missing (each named), 2 for an invalid
/// workflow, missing tools or token, or a script that refused, 3 when Python, its modules or GitHub are unavailable.
/// </summary>
internal static class RegisterCommand
{
    public static Command Create()
    {
        var workflow = new Argument<string>("WORKFLOW") { Description = "The workflow JSON file." };
        var tools = new Option<string?>("--workflow-tools")
        {
            Description = $"FaaSr-workflow: a folder holding {WorkflowTools.RegisterScript}, or a git repository with an optional @ref; default {WorkflowTools.Variable}, else {WorkflowTools.SubtreeFolder}/ once 'faasr-it subtree pull' filled it.",
        };
        var customContainers = new Option<bool>("--custom-containers") { Description = "Accept images outside FaaSr's native_containers.txt (CUSTOM_CONTAINER=true), as when the pipeline built them." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Register against a GitHub stand-in on this machine; write the pushed files under artifacts/registration/." };
        var repository = new Option<string?>("--repo") { Description = $"OWNER/NAME to register in; default: the workflow's GitHubActions server, else {WorkflowRepositories.Variable}." };
        var envFile = GitHubOptions.EnvFile();
        var apiUrl = GitHubOptions.ApiUrl();
        var python = new Option<string>("--python") { Description = "The Python that runs the script (it imports PyGithub, boto3, requests and FaaSr_py).", DefaultValueFactory = _ => "python3" };
        var command = new Command("register", "Register a workflow with FaaSr-workflow's own register_workflow.py, then check its GitHub Actions workflow files are in the repository.")
        {
            workflow,
            tools,
            customContainers,
            dryRun,
            repository,
            envFile,
            apiUrl,
            python,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(workflow)!,
            parseResult.GetValue(tools),
            parseResult.GetValue(customContainers),
            parseResult.GetValue(dryRun),
            parseResult.GetValue(repository),
            parseResult.GetValue(envFile),
            parseResult.GetValue(apiUrl),
            parseResult.GetValue(python)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string workflowFile, string? toolsFolder, bool customContainers, bool dryRun, string? repositoryName, string? envFile, string? apiUrl, string python,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var document = WorkflowLoader.Load(workflowFile).Document;
        var settings = GitHubOptions.Settings(envFile, workflowFile);
        var repository = repositoryName is not null ? RepositoryName.Parse(repositoryName, "--repo") : SingleRepository(document, settings);
        var root = WorkflowEnvFile.RootFor(workflowFile);
        var request = new RegistrationRequest(workflowFile, document, repository, await LocateToolsAsync(toolsFolder, settings, root, output, cancellationToken))
        {
            CustomContainers = customContainers,
            Python = python,
        };
        var environment = ScriptEnvironment(settings);
        await output.WriteLineAsync($"Registering {document.WorkflowName} in {repository}{(dryRun ? " (dry run, against a GitHub stand-in on this machine)" : string.Empty)} with {request.Tools.RegisterScriptPath}");
        RegistrationResult result;
        if (dryRun)
        {
            var folder = Path.Combine(new RepositoryLayout(root).Artifacts, "registration", document.WorkflowName);
            var redactor = SecretRedactor.For(document, settings);
            result = await WorkflowRegistration.DryRunAsync(request, environment, folder, redactor.Redact, text => output.WriteLine("  " + text), cancellationToken);
            foreach (var file in result.Files)
            {
                await output.WriteLineAsync($"Would push {file} -> {Path.Combine(folder, file)}");
            }
        }
        else
        {
            var github = GitHubOptions.Connect(settings, apiUrl);
            var redactor = SecretRedactor.For(document, settings, [github.Settings.Token]);
            result = await WorkflowRegistration.RegisterAsync(request, github, environment, redactor.Redact, text => output.WriteLine("  " + text), cancellationToken);
        }

        foreach (var missing in result.Missing)
        {
            await error.WriteLineAsync($"register: missing in {repository}: {missing}");
        }

        if (!result.Complete)
        {
            await error.WriteLineAsync($"register: {result.Missing.Count} of {RegisteredWorkflowCheck.ExpectedFiles(document).Count} workflow files are not in {repository} after register_workflow.py finished.");
            return ExitCodes.WorkflowFailed;
        }

        await output.WriteLineAsync($"Registered {document.WorkflowName} in {repository}: {RegisteredWorkflowCheck.ExpectedFiles(document).Count} workflow files checked.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// --workflow-tools or FAASR_IT_WORKFLOW_TOOLS as the faasr compute reads them (a folder, or a git repository with
    /// an optional @ref, checked out into the source cache), else a filled faasr_workflow/.
    /// </summary>
    private static async Task<WorkflowTools> LocateToolsAsync(string? option, SettingSources settings, string root, TextWriter output, CancellationToken cancellationToken)
    {
        var variable = settings.Get(WorkflowTools.Variable);
        if ((option ?? variable) is not { } given)
        {
            return WorkflowTools.Locate(null, null, root);
        }

        var spec = FaasrSourceSpec.Parse(given, Directory.GetCurrentDirectory());
        var folder = spec.IsFolder
            ? spec.Location
            : (await new FaasrSourceCache(FaasrSourceCache.DefaultRoot(settings.Get(FaasrSourceCache.CacheVariable)), TimeProvider.System)
                .ResolveAsync(FaasrSourceRole.WorkflowTools, spec, line => output.WriteLine(line), cancellationToken)).Folder;
        return option is not null ? WorkflowTools.Locate(folder, null, root) : WorkflowTools.Locate(null, folder, root);
    }

    private static RepositoryName SingleRepository(WorkflowDocument document, SettingSources settings)
    {
        var repositories = WorkflowRepositories.Of([document], settings);
        return repositories.Count == 1
            ? repositories[0]
            : throw new BadInputException($"The actions run in {string.Join(", ", repositories)}; register_workflow.py registers in one repository: name it with --repo.");
    }

    /// <summary>This process's environment with the settings of .env added (the environment wins), as the script reads both.</summary>
    private static Dictionary<string, string> ScriptEnvironment(SettingSources settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? string.Empty;
        }

        foreach (var name in settings.Names)
        {
            if (!environment.ContainsKey(name) && settings.Get(name) is { } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}

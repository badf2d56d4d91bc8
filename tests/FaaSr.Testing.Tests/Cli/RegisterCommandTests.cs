using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.GitHub.Registration;
using FaaSr.Testing.Tests.GitHub;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>faasr-it register --dry-run, with the fake register script this project writes and, when FAASR_IT_WORKFLOW_TOOLS names a clone, FaaSr-workflow's own.</summary>
[TestClass]
public sealed class RegisterCommandTests
{
    [TestMethod]
    public async Task ADryRunPushesToTheStandInAndWritesTheFilesUnderArtifactsRegistration()
    {
        using var folder = CloudWorkflowFolder.Create();
        using var tools = FakeWorkflowTools.Create();
        var artifacts = Path.Combine(folder.Root, "artifacts", "registration", "SecretWorkflow");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "stale.yml"), "from an earlier dry run");

        var result = await InProcessCli.RunAsync("register", folder.WorkflowFile, "--dry-run", "--workflow-tools", tools.Folder, "--custom-containers");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        StringAssert.StartsWith(result.Output, $"Registering SecretWorkflow in owner/repo (dry run, against a GitHub stand-in on this machine) with {tools.Tools.RegisterScriptPath}");
        StringAssert.Contains(result.Output, "  INFO: Successfully created .github/workflows/SecretWorkflow-python-secret.yml");
        StringAssert.Contains(result.Output, $"Would push .github/workflows/SecretWorkflow-python-secret-fail.yml -> {Path.Combine(artifacts, ".github/workflows/SecretWorkflow-python-secret-fail.yml")}");
        StringAssert.Contains(result.Output, "Registered SecretWorkflow in owner/repo: 2 workflow files checked.");
        Assert.AreEqual(
            "name: SecretWorkflow-python-secret\ncontainer: ghcr.io/faasr/github-actions-python:latest\ncustom: true\n",
            File.ReadAllText(Path.Combine(artifacts, ".github", "workflows", "SecretWorkflow-python-secret.yml")));
        Assert.IsFalse(File.Exists(Path.Combine(artifacts, "stale.yml")), "the folder holds this dry run's files only");
        Assert.DoesNotContain(CloudWorkflowFolder.Token, result.Output + result.Error);
    }

    [TestMethod]
    public async Task AMissingWorkflowFileIsExitOneNamingIt()
    {
        using var folder = CloudWorkflowFolder.Create();
        using var tools = FakeWorkflowTools.Create();
        folder.WriteEnv(new Dictionary<string, string>(folder.Values) { ["FAKE_REGISTER_SKIP"] = "python-secret" });

        var result = await InProcessCli.RunAsync("register", folder.WorkflowFile, "--dry-run", "--workflow-tools", tools.Folder);

        Assert.AreEqual(ExitCodes.WorkflowFailed, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Error, "register: missing in owner/repo: .github/workflows/SecretWorkflow-python-secret.yml (action python-secret) on main");
        StringAssert.Contains(result.Error, "register: 1 of 2 workflow files are not in owner/repo after register_workflow.py finished.");
    }

    [TestMethod]
    public async Task NoToolsARefusingScriptAndAnInvalidWorkflowAreExitTwo()
    {
        using var folder = CloudWorkflowFolder.Create();
        using var tools = FakeWorkflowTools.Create();
        File.WriteAllText(Path.Combine(folder.Root, "broken.json"), "[]");

        var noTools = await InProcessCli.RunAsync("register", folder.WorkflowFile, "--dry-run");
        var refused = await InProcessCli.RunAsync("register", folder.WorkflowFile, "--dry-run", "--workflow-tools", tools.Folder, "--repo", "owner/repo");
        var invalid = await InProcessCli.RunAsync("register", Path.Combine(folder.Root, "broken.json"), "--dry-run", "--workflow-tools", tools.Folder);

        Assert.AreEqual(ExitCodes.BadInput, noTools.ExitCode);
        StringAssert.Contains(noTools.Error, $"FaaSr-workflow's scripts are not in {Path.Combine(folder.Root, "faasr_workflow")} yet");
        Assert.AreEqual(ExitCodes.Success, refused.ExitCode, "the native images of SecretWorkflow need no --custom-containers: " + refused.Error);
        Assert.AreEqual(ExitCodes.BadInput, invalid.ExitCode);
        StringAssert.Contains(invalid.Error, "broken.json");
    }

    [TestMethod]
    public async Task FaaSrWorkflowsOwnRegisterScriptPushesOneActionsWorkflowPerAction()
    {
        var upstream = Environment.GetEnvironmentVariable(WorkflowTools.Variable);
        if (string.IsNullOrEmpty(upstream))
        {
            Assert.Inconclusive($"{WorkflowTools.Variable} is not set: name a clone of FaaSr/FaaSr-workflow (and FAASR_IT_WORKFLOW_PYTHON, a Python with PyGithub, boto3 and FaaSr_py) to run FaaSr-workflow's own register_workflow.py.");
        }

        using var folder = CloudWorkflowFolder.Create();
        var workflow = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json")))!.AsObject();
        workflow["ComputeServers"]!["GH"]!["UserName"] = "owner";
        workflow["ComputeServers"]!["GH"]!["ActionRepoName"] = "repo";
        var file = Path.Combine(folder.Root, "workflows", "IntegrationTestWorkflow.json");
        File.WriteAllText(file, workflow.ToJsonString());
        var python = Environment.GetEnvironmentVariable("FAASR_IT_WORKFLOW_PYTHON") is { Length: > 0 } named ? named : "python3";

        var result = await InProcessCli.RunAsync("register", file, "--dry-run", "--workflow-tools", upstream, "--python", python);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        var actions = workflow["ActionList"]!.AsObject().Select(a => a.Key).ToList();
        foreach (var action in actions)
        {
            var yaml = File.ReadAllText(Path.Combine(folder.Root, "artifacts", "registration", "IntegrationTestWorkflow", ".github", "workflows", $"IntegrationTestWorkflow-{action}.yml"));
            StringAssert.Contains(yaml, $"name: IntegrationTestWorkflow-{action}");
            StringAssert.Contains(yaml, "workflow_dispatch:");
            StringAssert.Contains(yaml, "OVERWRITTEN: ${{ github.event.inputs.OVERWRITTEN }}");
            StringAssert.Contains(yaml, "PAYLOAD_URL: ${{ github.event.inputs.PAYLOAD_URL }}");
            StringAssert.Contains(yaml, "GH_PAT: ${{ secrets.GH_PAT}}");
            StringAssert.Contains(yaml, $"container: {workflow["ActionContainers"]![action]!.GetValue<string>()}");
        }

        StringAssert.Contains(result.Output, $"Registered IntegrationTestWorkflow in owner/repo: {actions.Count} workflow files checked.");
    }
}

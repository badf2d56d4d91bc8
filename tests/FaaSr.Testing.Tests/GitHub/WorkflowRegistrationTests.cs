using System.Text;
using System.Text.Json.Nodes;
using FaaSr.Testing.Errors;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.Registration;
using FaaSr.Testing.GitHub.StandIn;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// Registration as faasr-it runs it: a register_workflow.py (here the fake one this project writes) reaching
/// api.github.com through the stand-in's proxy, then the Octokit check of every action's workflow file.
/// </summary>
[TestClass]
public sealed class WorkflowRegistrationTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task TheScriptGetsTheTokenRepositoryAndCustomContainerAndEveryFileIsFoundOnTheBranch()
    {
        using var folder = CloudWorkflowFolder.Create();
        using var tools = FakeWorkflowTools.Create();
        await using var standIn = await StartAsync();
        var lines = new List<string>();

        var result = await WorkflowRegistration.RegisterAsync(Request(folder, tools) with { CustomContainers = true }, Connect(standIn), Environment(standIn), t => t, lines.Add, Token);

        Assert.IsTrue(result.Complete, string.Join("\n", lines));
        CollectionAssert.AreEqual(new[] { ".github/workflows/SecretWorkflow-python-secret.yml", ".github/workflows/SecretWorkflow-python-secret-fail.yml" }, result.Files.ToArray());
        CollectionAssert.Contains(lines, "INFO: Successfully created .github/workflows/SecretWorkflow-python-secret.yml");
        var written = standIn.Repository("owner/repo").WrittenFiles;
        Assert.AreEqual("name: SecretWorkflow-python-secret\ncontainer: ghcr.io/faasr/github-actions-python:latest\ncustom: true\n", Encoding.UTF8.GetString(written[".github/workflows/SecretWorkflow-python-secret.yml"]));
        var pushes = standIn.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.HasCount(2, pushes);
        Assert.IsTrue(pushes.All(p => p.ThroughProxy && p.Header("authorization") == $"token {CloudWorkflowFolder.Token}"), "the script reached api.github.com through the proxy with the token");
        Assert.AreEqual("main", JsonNode.Parse(pushes[0].BodyText)!["branch"]!.GetValue<string>());
        var checks = standIn.Requests.Where(r => r.Method == "GET" && !r.ThroughProxy).Select(r => $"{r.ApiPath}{r.Query}").ToList();
        CollectionAssert.AreEqual(
            new[] { "/repos/owner/repo/contents/.github/workflows/SecretWorkflow-python-secret.yml?ref=main", "/repos/owner/repo/contents/.github/workflows/SecretWorkflow-python-secret-fail.yml?ref=main" },
            checks,
            "the check asks for each file on the server's Branch");
    }

    [TestMethod]
    public async Task AFileTheScriptDidNotPushIsNamedWithItsActionAndBranch()
    {
        using var folder = CloudWorkflowFolder.Create();
        using var tools = FakeWorkflowTools.Create();
        await using var standIn = await StartAsync();
        var environment = Environment(standIn);
        environment["FAKE_REGISTER_SKIP"] = "python-secret-fail";

        var result = await WorkflowRegistration.RegisterAsync(Request(folder, tools), Connect(standIn), environment, t => t, _ => { }, Token);

        Assert.IsFalse(result.Complete);
        Assert.AreEqual(".github/workflows/SecretWorkflow-python-secret-fail.yml (action python-secret-fail) on main", result.Missing.Single().ToString());
        CollectionAssert.AreEqual(new[] { ".github/workflows/SecretWorkflow-python-secret.yml" }, result.Files.ToArray());
    }

    [TestMethod]
    public async Task AScriptThatRefusesIsBadInputQuotingItsLastLinesWithTheTokenMasked()
    {
        using var folder = CloudWorkflowFolder.Create();
        using var tools = FakeWorkflowTools.Create();
        await using var standIn = await StartAsync();
        var workflow = JsonNode.Parse(File.ReadAllText(folder.WorkflowFile))!.AsObject();
        workflow["ActionContainers"]!["python-secret"] = "localhost/faasr-it/python-function:abc";
        File.WriteAllText(folder.WorkflowFile, workflow.ToJsonString());
        var environment = Environment(standIn);
        environment["FAKE_REGISTER_SAY_TOKEN"] = "1";
        var lines = new List<string>();

        var exception = await Assert.ThrowsExactlyAsync<RegistrationFailedException>(() =>
            WorkflowRegistration.RegisterAsync(Request(folder, tools), Connect(standIn), environment, t => t.Replace(CloudWorkflowFolder.Token, "***", StringComparison.Ordinal), lines.Add, Token));

        StringAssert.Contains(exception.Message, $"{tools.Tools.RegisterScriptPath} exited 1 for {folder.WorkflowFile}; its last lines:");
        StringAssert.Contains(exception.Message, "ERROR: Custom container localhost/faasr-it/python-function:abc not in native_containers.txt");
        CollectionAssert.Contains(lines, "INFO: using token ***");
        Assert.DoesNotContain(CloudWorkflowFolder.Token, exception.Message + string.Join("\n", lines));
        Assert.IsEmpty(standIn.Requests, "nothing was pushed");
    }

    [TestMethod]
    public async Task AMissingPythonModuleOrPythonIsAnEnvironmentProblem()
    {
        using var folder = CloudWorkflowFolder.Create();
        using var tools = FakeWorkflowTools.Create();
        await using var standIn = await StartAsync();
        var environment = Environment(standIn);
        environment["FAKE_REGISTER_IMPORT"] = "github_module_faasr_it_lacks";

        var noModule = await Assert.ThrowsExactlyAsync<EnvironmentProblemException>(() =>
            WorkflowRegistration.RegisterAsync(Request(folder, tools), Connect(standIn), environment, t => t, _ => { }, Token));
        var noPython = await Assert.ThrowsExactlyAsync<EnvironmentProblemException>(() =>
            WorkflowRegistration.RegisterAsync(Request(folder, tools) with { Python = "/no/such/python3" }, Connect(standIn), Environment(standIn), t => t, _ => { }, Token));

        StringAssert.Contains(noModule.Message, "No module named 'github_module_faasr_it_lacks'");
        StringAssert.Contains(noModule.Message, "PyGithub, boto3, requests and FaaSr_py");
        StringAssert.StartsWith(noPython.Message, "/no/such/python3 cannot be started");
    }

    [TestMethod]
    public void TheToolsAreTheGivenFolderThenTheVariableThenAFilledSubtree()
    {
        using var tools = FakeWorkflowTools.Create();
        var empty = Directory.CreateTempSubdirectory("faasr-it-no-tools-").FullName;
        try
        {
            Assert.AreEqual(tools.Folder, WorkflowTools.Locate(tools.Folder, "/elsewhere", empty).Folder);
            Assert.AreEqual(tools.Folder, WorkflowTools.Locate(null, tools.Folder, empty).Folder);
            var unfilled = Assert.ThrowsExactly<BadInputException>(() => WorkflowTools.Locate(null, null, empty));
            StringAssert.Contains(unfilled.Message, "faasr-it subtree pull");
            var wrong = Assert.ThrowsExactly<BadInputException>(() => WorkflowTools.Locate(empty, null, tools.Folder));
            StringAssert.StartsWith(wrong.Message, $"--workflow-tools {empty}: no scripts/register_workflow.py there");
            Directory.CreateDirectory(Path.Combine(empty, "faasr_workflow"));
            Directory.Move(Path.Combine(tools.Folder, "scripts"), Path.Combine(empty, "faasr_workflow", "scripts"));
            Assert.AreEqual(Path.Combine(empty, "faasr_workflow"), WorkflowTools.Locate(null, null, empty).Folder);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static RegistrationRequest Request(CloudWorkflowFolder folder, FakeWorkflowTools tools) =>
        new(folder.WorkflowFile, folder.Document, new RepositoryName("owner", "repo"), tools.Tools);

    private static GitHubConnection Connect(GitHubStandIn standIn) => new(new GitHubApiSettings(standIn.ApiBaseUrl, CloudWorkflowFolder.Token, "GH_PAT"));

    /// <summary>What a process needs to start, plus the stand-in's proxy and CA variables.</summary>
    private static Dictionary<string, string> Environment(GitHubStandIn standIn)
    {
        var environment = new Dictionary<string, string>(standIn.ClientEnvironment, StringComparer.Ordinal);
        foreach (var name in new[] { "PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    private Task<GitHubStandIn> StartAsync() =>
        GitHubStandIn.StartAsync(new GitHubStandInOptions { Repositories = [new StandInRepositorySource("owner", "repo", null)] }, Token);
}

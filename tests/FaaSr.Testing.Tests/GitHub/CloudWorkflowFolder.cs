using System.Text.Json.Nodes;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// A temporary folder with a cloud workflow (the repository's SecretWorkflow with its GitHubActions server pointed at
/// owner/repo, a data store and a declared secret of names unique to this test, so no variable of the test process
/// can stand in for them) and a .env holding the token and every secret's value, laid out as a faasr-it repository
/// (FaaSr.Testing.slnx at its root), so that verbs find that .env as they find a fork's.
/// </summary>
internal sealed class CloudWorkflowFolder : IDisposable
{
    public const string Token = "ghp_standInToken0123456789";

    private CloudWorkflowFolder(string root, string suffix)
    {
        Root = root;
        Store = "Store" + suffix;
        Secret = "SECRET_" + suffix.ToUpperInvariant();
    }

    public string Root { get; }

    public string Store { get; }

    public string Secret { get; }

    public string WorkflowFile => Path.Combine(Root, "workflows", "SecretWorkflow.json");

    public string EnvFile => Path.Combine(Root, ".env");

    /// <summary>Every secret the workflow's jobs import, with the value the .env gives it.</summary>
    public IReadOnlyDictionary<string, string> Values => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GH_PAT"] = Token,
        [$"{Store}_AccessKey"] = "access-" + Store,
        [$"{Store}_SecretKey"] = "secret/key+" + Store,
        [Secret] = "declared secret value " + Secret,
    };

    public WorkflowDocument Document => WorkflowLoader.Load(WorkflowFile).Document;

    public static CloudWorkflowFolder Create(string owner = "owner", string repository = "repo")
    {
        var folder = new CloudWorkflowFolder(Directory.CreateTempSubdirectory("faasr-it-cloud-workflow-").FullName, Guid.NewGuid().ToString("N")[..8]);
        var workflow = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("workflows", "SecretWorkflow.json")))!.AsObject();
        workflow["ComputeServers"]!["GH"]!["UserName"] = owner;
        workflow["ComputeServers"]!["GH"]!["ActionRepoName"] = repository;
        var store = workflow["DataStores"]!["S3"]!.DeepClone();
        workflow["DataStores"] = new JsonObject { [folder.Store] = store };
        workflow["DefaultDataStore"] = folder.Store;
        workflow["LoggingDataStore"] = folder.Store;
        workflow["Secrets"] = new JsonArray(folder.Secret);
        Directory.CreateDirectory(Path.GetDirectoryName(folder.WorkflowFile)!);
        File.WriteAllText(Path.Combine(folder.Root, "FaaSr.Testing.slnx"), "<Solution />\n");
        File.WriteAllText(folder.WorkflowFile, workflow.ToJsonString());
        folder.WriteEnv(folder.Values);
        return folder;
    }

    public void WriteEnv(IReadOnlyDictionary<string, string> values) =>
        File.WriteAllLines(EnvFile, values.Select(v => $"{v.Key}=\"{v.Value}\""));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

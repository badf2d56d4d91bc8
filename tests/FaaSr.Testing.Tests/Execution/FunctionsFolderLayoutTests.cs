using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// The layouts a functions folder may have (the folder that holds the code, a functions/ folder, a repository root),
/// and the default search for a workflow nobody gave a functions folder for.
/// </summary>
[TestClass]
public sealed class FunctionsFolderLayoutTests
{
    private const string Repo = "owner/my-repo/functions/MyWorkflow";
    private string root = string.Empty;

    [TestInitialize]
    public void CreateFolders() => root = Directory.CreateTempSubdirectory("faasr-it-layouts-").FullName;

    [TestCleanup]
    public void RemoveFolders() => Directory.Delete(root, recursive: true);

    [TestMethod]
    public void TheFolderThatHoldsTheCodeItselfIsAccepted()
    {
        var code = Write("mywf/square.py");

        var source = new FunctionSourceResolver(Path.Combine(root, "mywf")).Resolve(Document(), Document().Actions[0]);

        CollectionAssert.AreEqual(new[] { Path.GetDirectoryName(code) }, source.Folders.ToArray());
    }

    [TestMethod]
    public void AFunctionsFolderWithASubFolderPerWorkflowIsAccepted()
    {
        var code = Write("functions/MyWorkflow/square.py");
        Write("functions/stray.py");

        var source = new FunctionSourceResolver(Path.Combine(root, "functions")).Resolve(Document(), Document().Actions[0]);

        CollectionAssert.AreEqual(new[] { Path.GetDirectoryName(code) }, source.Folders.ToArray(), "the workflow's own folder wins over code lying in the functions folder");
    }

    [TestMethod]
    public void ARepositoryRootIsAccepted()
    {
        var code = Write("functions/MyWorkflow/square.py");
        Write("setup.py");

        var source = new FunctionSourceResolver(root).Resolve(Document(), Document().Actions[0]);

        CollectionAssert.AreEqual(new[] { Path.GetDirectoryName(code) }, source.Folders.ToArray());
    }

    [TestMethod]
    public void AFolderWithoutCodeFilesIsNotTakenForTheCode()
    {
        Write("unrelated/README.md");

        var error = Assert.ThrowsExactly<LocalRunSetupException>(() => new FunctionSourceResolver(Path.Combine(root, "unrelated")).Resolve(Document(), Document().Actions[0]));

        var unrelated = Path.Combine(root, "unrelated");
        StringAssert.Contains(error.Message, $"tried, shortest first: {unrelated}, {Path.Combine(unrelated, "MyWorkflow")}, {Path.Combine(unrelated, "functions", "MyWorkflow")})");
        StringAssert.Contains(error.Message, "the folder that holds the code itself");
    }

    [TestMethod]
    public void TheDefaultFindsTheCodeOfASeedLikeRepositoryFromItsRoot()
    {
        var workflow = Write("workflows/MyWorkflow.json");
        var code = Write("functions/MyWorkflow/square.py");

        var chosen = FunctionsFolderSearch.Choose(Document(), FunctionsFolderSearch.CandidatesFor(workflow, root));

        Assert.AreEqual(Path.Combine(root, "functions"), chosen);
        CollectionAssert.AreEqual(new[] { Path.GetDirectoryName(code) }, new FunctionSourceResolver(chosen).Resolve(Document(), Document().Actions[0]).Folders.ToArray());
    }

    [TestMethod]
    public void TheDefaultFindsCodeBesideTheWorkflowFile()
    {
        var workflow = Write("mywf/MyWorkflow.json");
        Write("mywf/square.py");
        var elsewhere = Directory.CreateDirectory(Path.Combine(root, "elsewhere")).FullName;

        var chosen = FunctionsFolderSearch.Choose(Document(), FunctionsFolderSearch.CandidatesFor(workflow, elsewhere));

        Assert.AreEqual(Path.Combine(root, "mywf"), chosen);
    }

    [TestMethod]
    public void TheDefaultsErrorListsEveryPathItTriedShortestFirst()
    {
        var workflow = Write("workflows/MyWorkflow.json");
        var here = Directory.CreateDirectory(Path.Combine(root, "here")).FullName;

        var error = Assert.ThrowsExactly<LocalRunSetupException>(() => FunctionsFolderSearch.Choose(Document(), FunctionsFolderSearch.CandidatesFor(workflow, here)));

        StringAssert.Contains(error.Message, $"Action 'square': FunctionGitRepo['square'] = '{Repo}'");
        var list = error.Message[(error.Message.IndexOf("shortest first: ", StringComparison.Ordinal) + "shortest first: ".Length)..error.Message.IndexOf(')', StringComparison.Ordinal)];
        var tried = list.Split(", ");
        CollectionAssert.AreEqual(tried.OrderBy(p => p.Length).ToArray(), tried, list);
        CollectionAssert.Contains(tried, Path.Combine(root, "functions", "MyWorkflow"));
        CollectionAssert.Contains(tried, Path.Combine(here, "functions", "MyWorkflow"));
        CollectionAssert.Contains(tried, Path.Combine(root, "workflows"));
        Assert.HasCount(tried.Distinct().Count(), tried, "each path once");
    }

    private string Write(string relative)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, relative.EndsWith(".py", StringComparison.Ordinal) ? "def square():\n    pass\n" : "{}");
        return path;
    }

    private static WorkflowDocument Document() => WorkflowLoader.Parse(new JsonObject
    {
        ["WorkflowName"] = "MyWorkflow",
        ["FunctionInvoke"] = "square",
        ["DefaultDataStore"] = "S3",
        ["ComputeServers"] = new JsonObject
        {
            ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "u", ["ActionRepoName"] = "r", ["Branch"] = "main", ["UseSecretStore"] = true },
        },
        ["DataStores"] = new JsonObject { ["S3"] = new JsonObject { ["Bucket"] = "bucket" } },
        ["ActionList"] = new JsonObject { ["square"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "square", ["Type"] = "Python" } },
        ["FunctionGitRepo"] = new JsonObject { ["square"] = Repo },
    }.ToJsonString(), "MyWorkflow.json").Document;
}

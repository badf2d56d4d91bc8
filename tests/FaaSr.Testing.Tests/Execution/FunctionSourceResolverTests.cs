using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class FunctionSourceResolverTests
{
    private string root = string.Empty;

    [TestInitialize]
    public void CreateFolders()
    {
        root = Directory.CreateTempSubdirectory("faasr-it-sources-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "functions", "Workflow"));
        File.WriteAllText(Path.Combine(root, "functions", "Workflow", "single.py"), "def f():\n    pass\n");
    }

    [TestCleanup]
    public void RemoveFolders() => Directory.Delete(root, recursive: true);

    [TestMethod]
    [DataRow("owner/repo/functions/Workflow", "", "functions/Workflow")]
    [DataRow("owner/repo/functions/Workflow", "functions", "Workflow")]
    [DataRow("https://github.com/owner/repo/tree/main/functions/Workflow", "", "functions/Workflow")]
    [DataRow("https://github.com/owner/repo/blob/main/functions/Workflow/single.py", "functions", "Workflow/single.py")]
    [DataRow("https://raw.githubusercontent.com/owner/repo/main/functions/Workflow/single.py", "", "functions/Workflow/single.py")]
    [DataRow("owner/repo", "functions/Workflow", "")]
    public void MapsTheRepositoryPathToTheLongestTailThatExists(string repo, string functionsRoot, string expected)
    {
        var resolver = new FunctionSourceResolver(Path.Combine(root, functionsRoot));
        var document = Document(new JsonObject { ["f"] = repo });

        var source = resolver.Resolve(document, document.Actions[0]);

        var expectedPath = Path.GetFullPath(Path.Combine(root, functionsRoot, expected));
        CollectionAssert.AreEqual(new[] { expectedPath }, source.Folders.Concat(source.Files).Select(Path.GetFullPath).ToArray());
        Assert.AreEqual(expected.EndsWith(".py", StringComparison.Ordinal), source.Files.Count == 1);
    }

    [TestMethod]
    public void NothingMatchingIsAnErrorNamingTheActionAndTheKey()
    {
        var resolver = new FunctionSourceResolver(root);
        var document = Document(new JsonObject { ["f"] = "owner/repo/functions/Other" });

        var error = Assert.ThrowsExactly<LocalRunSetupException>(() => resolver.Resolve(document, document.Actions[0]));

        StringAssert.Contains(error.Message, "Action 'a'");
        StringAssert.Contains(error.Message, "FunctionGitRepo['f'] = 'owner/repo/functions/Other'");
    }

    [TestMethod]
    [DataRow("owner/repo/../outside")]
    public void ARepositoryPathCannotLeaveTheFunctionsFolder(string repo)
    {
        var outside = Path.Combine(root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "evil.py"), "def f():\n    pass\n");
        var resolver = new FunctionSourceResolver(Path.Combine(root, "functions"));
        // Built past validation (which refuses it too), as a caller of the resolver may hand it anything.
        var document = Document(new JsonObject { ["f"] = "owner/repo/functions" }) with
        {
            FunctionGitRepo = new Dictionary<string, IReadOnlyList<string>> { ["f"] = [repo] },
        };

        var error = Assert.ThrowsExactly<LocalRunSetupException>(() => resolver.Resolve(document, document.Actions[0]));

        StringAssert.Contains(error.Message, "'..' segment");
    }

    [TestMethod]
    public void AFunctionWithoutASourceEntryIsAnError()
    {
        var resolver = new FunctionSourceResolver(root);
        var document = Document(new JsonObject());

        var error = Assert.ThrowsExactly<LocalRunSetupException>(() => resolver.Resolve(document, document.Actions[0]));

        StringAssert.Contains(error.Message, "action 'a'");
        StringAssert.Contains(error.Message, "FunctionName 'f'");
    }

    private static WorkflowDocument Document(JsonObject repos) => WorkflowLoader.Parse(new JsonObject
    {
        ["WorkflowName"] = "W",
        ["FunctionInvoke"] = "a",
        ["DefaultDataStore"] = "S3",
        ["ComputeServers"] = new JsonObject
        {
            ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "u", ["ActionRepoName"] = "r", ["Branch"] = "main", ["UseSecretStore"] = true },
        },
        ["DataStores"] = new JsonObject { ["S3"] = new JsonObject { ["Bucket"] = "bucket" } },
        ["ActionList"] = new JsonObject { ["a"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "f", ["Type"] = "Python" } },
        ["FunctionGitRepo"] = repos,
    }.ToJsonString(), "W.json").Document;
}

using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>
/// faasr-it run finds a workflow's code where a user put it: the default from the root of a repository laid out as
/// the seed's (workflows/X.json, functions/X/), and --functions given the folder that holds the code, a functions/
/// folder or a repository root. Each run is a real one (s3rver, python3).
/// </summary>
[TestClass]
public sealed class RunFunctionsLayoutTests
{
    private const string Code = "def first():\n    print('first ran')\n";

    private string root = string.Empty;

    [TestInitialize]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("faasr-it-layout-cli-").FullName;

    [TestCleanup]
    public void RemoveFolder() => Directory.Delete(root, recursive: true);

    [TestMethod]
    public async Task FromTheRootOfASeedLikeRepositoryNoFlagIsNeeded()
    {
        Write("workflows/Seedlike.json", WorkflowJson("Seedlike"));
        Write("functions/Seedlike/01_first.py", Code);
        var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;

        using var cli = CliProcess.Start(root, temporary, "run", "workflows/Seedlike.json", "--local", "--plain");
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(120), CancellationToken.None);

        Assert.AreEqual(ExitCodes.Success, exitCode, cli.Output + cli.Error);
        StringAssert.Contains(cli.Output, ": 1 completed");
    }

    [TestMethod]
    [DataRow("mywf", "mywf/first.py", DisplayName = "the folder that holds the code")]
    [DataRow("code/functions", "code/functions/Layout/first.py", DisplayName = "a functions folder")]
    [DataRow("code", "code/functions/Layout/first.py", DisplayName = "a repository root")]
    public async Task FunctionsAcceptsEachLayout(string functions, string codeFile)
    {
        var workflow = Write("mywf/Layout.json", WorkflowJson("Layout"));
        Write(codeFile, Code);

        var result = await InProcessCli.RunAsync("run", workflow, "--local", "--plain", "--functions", Path.Combine(root, functions));

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Output, ": 1 completed");
    }

    [TestMethod]
    public async Task CodeThatIsNowhereIsBadInputListingWhatWasTriedShortestFirst()
    {
        var workflow = Write("mywf/Layout.json", WorkflowJson("Layout"));
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;

        var result = await InProcessCli.RunAsync("run", workflow, "--local", "--plain", "--functions", empty);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(
            result.Error,
            $"tried, shortest first: {empty}, {Path.Combine(empty, "Layout")}, {Path.Combine(empty, "functions", "Layout")})");
    }

    [TestMethod]
    public async Task AFunctionsFolderThatDoesNotExistIsBadInputBeforeAnythingStarts()
    {
        var workflow = Write("mywf/Layout.json", WorkflowJson("Layout"));

        var result = await InProcessCli.RunAsync("run", workflow, "--local", "--plain", "--functions", Path.Combine(root, "missing"));

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Error, "is not a folder");
        Assert.AreEqual(string.Empty, result.Output, "nothing started");
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string WorkflowJson(string name) => PythonChainWorkflow.Create(name, ["first"]).ToJsonString();
}

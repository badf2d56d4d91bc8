using System.Xml.Linq;
using FaaSr.Testing.Local;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Packaging;

/// <summary>
/// The packaging test: the packages of `dotnet pack`, used as someone else would, from folders outside this repository,
/// with no RepositoryRoot, no FAASR_IT_S3RVER and a private cache (so s3rver is installed there by npm, as on a machine
/// that never saw this repository). A test project of its own references FaaSr.Testing.MSTest from the packed folder
/// and runs a tiny workflow of its own; the faasr-it tool is installed into a folder of its own and validates and runs
/// one. Slow (a pack, a restore and build of a new project, npm installs): one class, limits generous but bounded.
/// </summary>
[TestClass]
[TestCategory("Packaging")]
public sealed class PackagingTests(TestContext testContext) : IDisposable
{
    private const string WorkflowName = "Tiny";
    private const string Greeting = "hello from outside";

    private static readonly TimeSpan DotnetTestLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ToolLimit = TimeSpan.FromMinutes(4);
    private static PackedFaasrIt? packed;

    private readonly TemporaryFolders folders = new();

    private static PackedFaasrIt Packed => packed ?? throw new InvalidOperationException("The packages were not made.");

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task PackAsync(TestContext context) => packed = await PackedFaasrIt.PackAsync(context.CancellationToken);

    [ClassCleanup]
    public static void RemovePackages() => packed?.Dispose();

    public void Dispose() => folders.Dispose();

    [TestMethod]
    public void ThePackagesAreTheLibrariesATestProjectNeedsAndTheTool()
    {
        var files = Directory.GetFiles(Packed.Folder, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        CollectionAssert.AreEquivalent(PackedFaasrIt.PackageIds.Select(id => $"{id}.{Packed.Version}.nupkg").ToArray(), files);
    }

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public async Task ATestProjectElsewhereRunsItsWorkflowWithWorkflowTestFromThePackages()
    {
        var project = NewFolder("faasr-it-outside-project-");
        var cache = NewFolder("faasr-it-outside-cache-");
        WriteWorkflowAndFunction(project);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="faasr-it-packed" value="{Packed.Folder}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "TinyTests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FaaSr.Testing.MSTest" Version="{Packed.Version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{PackedFaasrIt.PinnedVersionOf("Microsoft.NET.Test.Sdk")}" />
                <PackageReference Include="MSTest.TestAdapter" Version="{PackedFaasrIt.PinnedVersionOf("MSTest.TestAdapter")}" />
                <PackageReference Include="MSTest.TestFramework" Version="{PackedFaasrIt.PinnedVersionOf("MSTest.TestFramework")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "TinyTests.cs"), $$"""
            using FaaSr.Testing.MSTest;
            using Microsoft.VisualStudio.TestTools.UnitTesting;

            [TestClass]
            [Workflow("workflows/{{WorkflowName}}.json")]
            public sealed class TinyTests : WorkflowTest<TinyTests>
            {
                [TestMethod]
                public async Task GreetWritesItsGreeting()
                {
                    await Expect(Function("greet")).ToCompleteAsync();
                    await Expect(Function("greet")).ToLogAsync("greet is writing");
                    await Expect(Object("greeting.txt")).ToHaveContentAsync("{{Greeting}}");
                }

                [TestMethod]
                public async Task DeliberatelyWrongContent()
                {
                    await Expect(Object("greeting.txt")).ToHaveContentAsync("not what greet wrote");
                }
            }
            """);

        var results = Path.Combine(project, "results");
        var exit = await Packed.RunAsync(
            project,
            ["test", "-m:1", "-p:UseSharedCompilation=false", "--logger", "trx;LogFileName=tiny.trx", "--results-directory", results],
            DotnetTestLimit,
            cache,
            Cancellation);

        var outcomes = ReadOutcomes(Path.Combine(results, "tiny.trx"), exit);
        Assert.AreEqual(1, exit.ExitCode, $"dotnet test should fail for the deliberately wrong test only ({PackedFaasrIt.Describe(exit)}):{Environment.NewLine}{exit.OutputTail}");
        Assert.AreEqual("Passed", outcomes["GreetWritesItsGreeting"].Outcome, outcomes["GreetWritesItsGreeting"].Message);
        Assert.AreEqual("Failed", outcomes["DeliberatelyWrongContent"].Outcome);
        StringAssert.Contains(outcomes["DeliberatelyWrongContent"].Message, "Expected: \"not what greet wrote\"");
        StringAssert.Contains(outcomes["DeliberatelyWrongContent"].Message, $"Found:    \"{Greeting}\"");
        Assert.HasCount(1, Directory.GetFiles(Path.Combine(project, "artifacts", "runs"), $"{WorkflowName}-*.json"), "The run record is kept in the project's artifacts/runs.");
        AssertS3rverInstalledInto(cache);
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public async Task TheToolInstalledElsewhereValidatesAndRunsAWorkflowOfItsFolder()
    {
        var tools = NewFolder("faasr-it-outside-tools-");
        var outside = NewFolder("faasr-it-outside-workflow-");
        var cache = NewFolder("faasr-it-outside-cache-");
        WriteWorkflowAndFunction(outside);

        var install = await Packed.RunAsync(
            outside, ["tool", "install", "faasr-it", "--tool-path", tools, "--add-source", Packed.Folder, "--version", Packed.Version], ToolLimit, cache, Cancellation);
        Assert.AreEqual(0, install.ExitCode, $"dotnet tool install ({PackedFaasrIt.Describe(install)}):{Environment.NewLine}{install.OutputTail}");
        var faasrIt = Path.Combine(tools, OperatingSystem.IsWindows() ? "faasr-it.exe" : "faasr-it");

        var validate = await Packed.RunAsync(outside, ["validate", Path.Combine("workflows", $"{WorkflowName}.json")], ToolLimit, cache, Cancellation, faasrIt);
        Assert.AreEqual(0, validate.ExitCode, $"faasr-it validate ({PackedFaasrIt.Describe(validate)}):{Environment.NewLine}{validate.OutputTail}");
        StringAssert.Contains(validate.OutputTail, $"{WorkflowName}.json: ok");

        var run = await Packed.RunAsync(outside, ["run", Path.Combine("workflows", $"{WorkflowName}.json"), "--local", "--plain"], ToolLimit, cache, Cancellation, faasrIt);
        Assert.AreEqual(0, run.ExitCode, $"faasr-it run ({PackedFaasrIt.Describe(run)}):{Environment.NewLine}{run.OutputTail}");
        StringAssert.Contains(run.OutputTail, $"Installing s3rver {S3rverPackage.PinnedVersion()} into {Path.Combine(cache, "faasr-it", "s3rver")}");
        StringAssert.Contains(run.OutputTail, "1 completed");
        var kept = Directory.GetDirectories(Path.Combine(outside, "artifacts", "runs"), $"{WorkflowName}-*");
        Assert.HasCount(1, kept, "The run's record and logs are kept in artifacts/runs of the current folder.");
        AssertS3rverInstalledInto(cache);

        var report = await Packed.RunAsync(outside, ["report"], ToolLimit, cache, Cancellation, faasrIt);
        Assert.AreEqual(0, report.ExitCode, $"faasr-it report ({PackedFaasrIt.Describe(report)}):{Environment.NewLine}{report.OutputTail}");
        Assert.IsTrue(File.Exists(Path.Combine(outside, "artifacts", "report", "index.html")), report.OutputTail);

        // A machine with node and python3 but no npm, and nothing installed yet: exit 3, saying what to install.
        var noNpm = NewFolder("faasr-it-outside-no-npm-");
        File.CreateSymbolicLink(Path.Combine(noNpm, "node"), S3rverLocator.FindNode(null));
        File.CreateSymbolicLink(Path.Combine(noNpm, "python3"), Local.Execution.ExecutablePath.Find("python3")!);
        var emptyCache = NewFolder("faasr-it-outside-cache-");
        var refused = await Packed.RunAsync(
            outside, ["run", Path.Combine("workflows", $"{WorkflowName}.json"), "--local", "--plain"], ToolLimit, emptyCache, Cancellation, faasrIt, noNpm);
        Assert.AreEqual(3, refused.ExitCode, refused.OutputTail);
        StringAssert.Contains(refused.OutputTail, "npm is not on PATH to install it. Install Node.js 20 or later with npm");
        Assert.IsFalse(Directory.Exists(Path.Combine(emptyCache, "faasr-it")), "Nothing is written to the cache when nothing can be installed.");
    }

    private static void AssertS3rverInstalledInto(string cache)
    {
        var script = Path.Combine(cache, "faasr-it", "s3rver", S3rverPackage.PinnedVersion(), "node_modules", "s3rver", "bin", "s3rver.js");
        Assert.IsTrue(File.Exists(script), $"npm installed no {script}.");
    }

    // greet writes greeting.txt under {folder}/{InvocationID}, as the tester's Object("greeting.txt") reads it.
    private static void WriteWorkflowAndFunction(string root)
    {
        var workflow = PythonChainWorkflow.Create(WorkflowName, ["greet"]);
        workflow["ActionList"]!["greet"]!["Arguments"] = new System.Text.Json.Nodes.JsonObject { ["folder"] = "integration-tests" };
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        File.WriteAllText(Path.Combine(root, "workflows", $"{WorkflowName}.json"), workflow.ToJsonString());
        Directory.CreateDirectory(Path.Combine(root, "functions", WorkflowName));
        File.WriteAllText(Path.Combine(root, "functions", WorkflowName, "greet.py"), $$"""
            from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_log, faasr_put_file


            def greet(folder):
                faasr_log("greet is writing greeting.txt")
                with open("greeting.txt", "w") as f:
                    f.write("{{Greeting}}")
                faasr_put_file(local_file="greeting.txt", remote_file="greeting.txt", remote_folder=f"{folder}/{faasr_invocation_id()}")
            """.ReplaceLineEndings("\n") + "\n");
    }

    private static Dictionary<string, (string Outcome, string Message)> ReadOutcomes(string trx, Local.Execution.ProcessExit exit)
    {
        Assert.IsTrue(File.Exists(trx), $"dotnet test wrote no {trx} ({PackedFaasrIt.Describe(exit)}):{Environment.NewLine}{exit.OutputTail}");
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return XDocument.Load(trx).Descendants(ns + "UnitTestResult").ToDictionary(
            result => (string)result.Attribute("testName")!,
            result => ((string)result.Attribute("outcome")!, result.Descendants(ns + "Message").FirstOrDefault()?.Value ?? string.Empty));
    }

    private string NewFolder(string prefix) => folders.New(prefix);
}

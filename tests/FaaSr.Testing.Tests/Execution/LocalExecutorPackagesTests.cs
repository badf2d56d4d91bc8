using System.IO.Compression;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// PyPIPackageDownloads are pip-installed per action into the action's own target, as FaaSr 2.1 installs them into
/// /tmp/packages; PyPI is out of reach, so a folder of wheels built here stands in for it.
/// </summary>
[TestClass]
public sealed class LocalExecutorPackagesTests(TestContext testContext)
{
    private const string Package = "faasrit-tinypkg";

    private const string Function = """
        import faasrit_tinypkg

        def only():
            faasr_log("tiny says " + faasrit_tinypkg.VALUE)
            faasr_log("installed per run: " + str("/packages/" in faasrit_tinypkg.__file__))
        """;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task APackageFromAWheelFolderIsInstalledForTheActionAndImported()
    {
        await using var harness = await ExecutorHarness.CreateAsync("pypi", Cancellation);
        var wheels = Directory.CreateTempSubdirectory("faasr-it-wheels-").FullName;
        try
        {
            WriteWheel(wheels, "faasrit_tinypkg", "1.0", "VALUE = 'hello from a wheel'\n");
            harness.AddFile("f.py", Function);
            var graph = Workflow(harness);

            var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { Pip = new PipSources(wheels, null) });

            Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
            var log = await harness.LogAsync(run, "only", Cancellation);
            StringAssert.Contains(log, "\ntiny says hello from a wheel\n");
            StringAssert.Contains(log, "\ninstalled per run: True\n");
            Assert.DoesNotContain("[WARNING]", log);
        }
        finally
        {
            Directory.Delete(wheels, recursive: true);
        }
    }

    [TestMethod]
    public async Task WithoutASourceTheLogNamesThePackageBeforeTheFunctionFailsOnItsImport()
    {
        await using var harness = await ExecutorHarness.CreateAsync("pypi-none", Cancellation);
        harness.AddFile("f.py", Function);
        var graph = Workflow(harness);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["only"].State);
        var log = await harness.LogAsync(run, "only", Cancellation);
        var warning = log.IndexOf($"] [WARNING] [faasr_start_invoke_helper.py] faasr-it: package '{Package}' could not be installed: the emulated compute cannot reach PyPI", StringComparison.Ordinal);
        var failure = log.IndexOf("] [ERROR] [executor.py] {py_user_func_entry.py: cannot find function only}", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, warning, log);
        Assert.IsGreaterThan(warning, failure, log);
    }

    [TestMethod]
    public async Task APackageMissingFromTheFolderIsNamedWithPipsReason()
    {
        await using var harness = await ExecutorHarness.CreateAsync("pypi-missing", Cancellation);
        var wheels = Directory.CreateTempSubdirectory("faasr-it-wheels-").FullName;
        try
        {
            harness.AddFile("f.py", Function);
            var graph = Workflow(harness);

            var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { Pip = new PipSources(wheels, null) });

            Assert.AreEqual(InstanceState.Failed, result["only"].State);
            var log = await harness.LogAsync(run, "only", Cancellation);
            StringAssert.Contains(log, $"] [WARNING] [faasr_start_invoke_helper.py] faasr-it: package '{Package}' could not be installed from the folder {wheels}: ");
        }
        finally
        {
            Directory.Delete(wheels, recursive: true);
        }
    }

    private static FaaSr.Testing.Workflows.WorkflowGraph Workflow(ExecutorHarness harness) => harness.Workflow("""
        "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
        """, change: w => w["PyPIPackageDownloads"] = new JsonObject { ["only"] = new JsonArray(Package) });

    /// <summary>A pure-Python wheel with one module package: what pip needs and nothing more.</summary>
    private static void WriteWheel(string folder, string module, string version, string code)
    {
        var distribution = $"{module}-{version}";
        var info = $"{distribution}.dist-info";
        var files = new Dictionary<string, string>
        {
            [$"{module}/__init__.py"] = code,
            [$"{info}/METADATA"] = $"Metadata-Version: 2.1\nName: {module.Replace('_', '-')}\nVersion: {version}\n",
            [$"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: faasr-it-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        };
        files[$"{info}/RECORD"] = string.Concat(files.Keys.Select(name => $"{name},,\n")) + $"{info}/RECORD,,\n";
        using var zip = ZipFile.Open(Path.Combine(folder, $"{distribution}-py3-none-any.whl"), ZipArchiveMode.Create);
        foreach (var (name, text) in files)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }
    }
}

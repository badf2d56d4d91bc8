using System.Runtime.Versioning;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class LocalLanguageCheckTests(TestContext testContext)
{
    private static readonly string MixedWorkflow = RepositoryFiles.Path("workflows", "RIntegrationTestWorkflow.json");

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task WithPythonAndRInstalledAMixedWorkflowHasNoGap()
    {
        var gaps = await new LocalLanguageCheck().CheckAsync(WorkflowLoader.Load(MixedWorkflow).Document, Cancellation);

        Assert.IsEmpty(gaps, string.Join("; ", gaps));
    }

    [TestMethod]
    public async Task WithoutRscriptTheRActionsAreNamedWithTheReason()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"faasr-it-no-r-{Guid.NewGuid():N}", "Rscript");

        var gaps = await new LocalLanguageCheck(rscriptCommand: missing).CheckAsync(WorkflowLoader.Load(MixedWorkflow).Document, Cancellation);

        var gap = gaps.Single();
        Assert.AreEqual(FunctionLanguage.R, gap.Language);
        CollectionAssert.AreEquivalent(new[] { "test-r-api", "sync1", "test-run-true", "test-dontrun-false" }, gap.Actions.ToArray());
        Assert.AreEqual($"R runtime for local execution is not available: R is not installed (no Rscript at '{missing}')", gap.Reason);
    }

    [TestMethod]
    [UnsupportedOSPlatform("windows")]
    public async Task AnRscriptWithoutJsonliteIsNamedAsSuch()
    {
        // jsonlite is installed system-wide here, so a stand-in Rscript answers the probe as an R without it does.
        var folder = Directory.CreateTempSubdirectory("faasr-it-fake-r-").FullName;
        try
        {
            var script = Path.Combine(folder, "Rscript");
            await File.WriteAllTextAsync(script, "#!/bin/sh\nprintf '4.2.2\\nFALSE\\nFALSE\\n'\n", Cancellation);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var reason = await new LocalLanguageCheck(rscriptCommand: script).UnavailableReasonAsync(FunctionLanguage.R, Cancellation);

            Assert.AreEqual($"R runtime for local execution is not available: the R package jsonlite is not installed for {script} (R 4.2.2); on Debian: apt-get install r-cran-jsonlite", reason);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

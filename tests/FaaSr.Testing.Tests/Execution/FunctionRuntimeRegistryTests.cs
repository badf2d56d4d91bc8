using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>How the runtime registry sets up the languages of one run: what each language does when this machine lacks it.</summary>
[TestClass]
public sealed class FunctionRuntimeRegistryTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task ALanguageThisMachineLacksFailsItsActionsWithTheReasonWhileTheOthersAreSetUp()
    {
        var runFolder = Directory.CreateTempSubdirectory("faasr-it-registry-").FullName;
        try
        {
            var registry = FunctionRuntimeRegistry.Default(null, "/nonexistent/Rscript", usePythonForkServer: false, TimeProvider.System);

            await using var runtimes = await FunctionRuntimes.CreateAsync(registry, [FunctionLanguage.R, FunctionLanguage.Python, FunctionLanguage.Julia], new FunctionRuntimeSetup(runFolder), Cancellation);

            Assert.IsNull(runtimes.For(FunctionLanguage.Python).UnavailableReason);
            Assert.IsNotNull(runtimes.PythonInterpreter, "The package installer gets the run's Python.");
            StringAssert.StartsWith(runtimes.For(FunctionLanguage.R).UnavailableReason, RRuntime.UnavailablePrefix);
            StringAssert.Contains(runtimes.For(FunctionLanguage.R).UnavailableReason, "/nonexistent/Rscript");
            Assert.AreEqual(FunctionRuntimeRegistry.JuliaUnavailable, runtimes.For(FunctionLanguage.Julia).UnavailableReason);
            Assert.IsFalse(registry.For(FunctionLanguage.Julia).RunsLocally, "Julia actions get no code looked up.");
        }
        finally
        {
            Directory.Delete(runFolder, recursive: true);
        }
    }

    [TestMethod]
    public async Task WithoutTheLanguageARunCannotStartWithNothingIsSetUp()
    {
        var registry = FunctionRuntimeRegistry.Default("/nonexistent/python3", null, usePythonForkServer: false, TimeProvider.System);

        var error = await Assert.ThrowsExactlyAsync<ExecutionEnvironmentException>(
            () => FunctionRuntimes.CreateAsync(registry, [FunctionLanguage.Python], new FunctionRuntimeSetup(Path.GetTempPath()), Cancellation));

        StringAssert.Contains(error.Message, "/nonexistent/python3");
    }

    [TestMethod]
    public void ALanguageIsRegisteredOnce()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new FunctionRuntimeRegistry(
        [
            new UnavailableRuntimeFactory(FunctionLanguage.Julia, "one"),
            new UnavailableRuntimeFactory(FunctionLanguage.Julia, "two"),
        ]));

        StringAssert.Contains(error.Message, "Julia");
    }
}

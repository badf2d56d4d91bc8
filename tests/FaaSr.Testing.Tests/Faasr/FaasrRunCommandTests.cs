using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Faasr;

/// <summary>faasr-it run --compute faasr: the sources and Python modules are checked before anything runs, with their own exit codes.</summary>
[TestClass]
public sealed class FaasrRunCommandTests
{
    private static readonly string SecretWorkflow = RepositoryFiles.Path("workflows", "SecretWorkflow.json");

    [TestMethod]
    public async Task AMissingModuleIsExitThreeNamingItBeforeAnythingRuns()
    {
        using var fake = FakeFaasr.Create();
        fake.Write("backend/FaaSr_py/__init__.py", "import faasr_it_no_such_module\n");

        var result = await InProcessCli.RunAsync("run", SecretWorkflow, "--compute", "faasr", "--backend", fake.Backend, "--entry", fake.Entry, "--workflow-tools", fake.WorkflowTools, "--timeout", "30");

        Assert.AreEqual(ExitCodes.EnvironmentProblem, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, "missing Python module 'faasr_it_no_such_module'");
        Assert.DoesNotContain("Workflow SecretWorkflow: InvocationID", result.Output, "nothing was launched");
    }

    [TestMethod]
    public async Task AFolderThatIsNotTheSourceItsOptionNeedsIsExitTwo()
    {
        using var fake = FakeFaasr.Create();

        var result = await InProcessCli.RunAsync("run", SecretWorkflow, "--compute", "faasr", "--backend", fake.Entry, "--entry", fake.Entry, "--timeout", "30");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, "is not a FaaSr-Backend source: it has no FaaSr_py/__init__.py");
    }

    [TestMethod]
    [DataRow("emulated", "must name two different computes")]
    [DataRow("emulated,emulated", "must name two different computes")]
    [DataRow("emulated,faasr --compute emulated", "contradict each other")]
    [DataRow("emulated,faasr --record run.json", "--record holds one run")]
    public async Task ACompareThatCannotBeMadeIsBadInputBeforeAnythingRuns(string arguments, string expected)
    {
        var result = await InProcessCli.RunAsync(["run", SecretWorkflow, "--compare", .. arguments.Split(' ')]);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, expected);
    }
}

using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// The project's workflows (Python, and R through FaaSr-Backend's own R entry) on the real FaaSr (the faasr compute: FAASR_IT_BACKEND, FAASR_IT_ENTRY and
/// FAASR_IT_WORKFLOW_TOOLS name FaaSr-Backend, FaaSr-Docker and FaaSr-workflow) and on the emulated compute: both
/// runs must end with the same statuses and leave the same objects (<see cref="WorkflowComparison"/>, as
/// <c>faasr-it run --compare emulated,faasr</c>). Without the three sources each test is skipped with one line.
/// </summary>
[TestClass]
public sealed class RealBackendComparisonTests
{
    private static readonly string[] SourceVariables = ["FAASR_IT_BACKEND", "FAASR_IT_ENTRY", "FAASR_IT_WORKFLOW_TOOLS"];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("workflows/IntegrationTestWorkflow.json", true)]
    [DataRow("workflows/SecretWorkflow.json", false)]
    [DataRow("workflows/FailingWorkflow.json", false)]
    [DataRow("workflows/ImportFailureWorkflow.json", false)]
    [DataRow("workflows/RIntegrationTestWorkflow.json", true)]
    [DataRow("workflows/RSecretWorkflow.json", false)]
    [DataRow("workflows/RFailingWorkflow.json", false)]
    public async Task TheRealBackendEndsLikeTheEmulatorWithTheSameObjects(string workflow, bool allComplete)
    {
        SkipWithoutSources();
        if (Path.GetFileName(workflow).StartsWith('R') && !OnPath("Rscript"))
        {
            Assert.Inconclusive("Real-backend R test skipped: no Rscript on PATH (FaaSr-Backend's R entry needs R with jsonlite and httr).");
        }

        var comparison = await WorkflowComparison.RunAsync(workflow, "emulated", "faasr", new WorkflowTesterOptions
        {
            FunctionEnvironment = TestSecret.Environment,
            Inputs = workflow.EndsWith("FailingWorkflow.json", StringComparison.Ordinal)
                ? [new StagedInput("input.txt", "tests/FaaSr.IntegrationTests/Inputs/failing-workflow-input.txt")]
                : [],
            WaitTimeout = TimeSpan.FromMinutes(10),
            InactivityTimeout = TimeSpan.FromMinutes(5),
        }, TestContext.CancellationToken);

        var report = string.Join(Environment.NewLine, comparison.Lines());
        TestContext.WriteLine(report);
        Assert.IsFalse(comparison.HasDifferences, report);
        Assert.AreEqual("no difference", comparison.Lines().Last());
        Assert.IsGreaterThan(0, comparison.Right.Statuses.Count);
        if (allComplete)
        {
            Assert.IsTrue(comparison.Right.Statuses.Values.All(s => s is FunctionStatus.Completed or FunctionStatus.NotInvoked), report);
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));

    private static void SkipWithoutSources()
    {
        var missing = SourceVariables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            Assert.Inconclusive($"Real-backend test skipped: set {string.Join(", ", missing)} to FaaSr-Backend, FaaSr-Docker and FaaSr-workflow (folders or git URL@ref).");
        }
    }
}

using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/ImportFailureWorkflow.json, FaaSr's current import rules (spec/faasr.md §2.3, §4.4): a file importing a
/// missing module is skipped with a WARNING and the function still runs; a file with a real source error fails it.
/// </summary>
[TestClass]
public sealed class ImportFailureWorkflowTests(TestContext testContext)
{
    private static WorkflowTester tester = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) =>
        tester = await WorkflowTester.StartAsync("workflows/ImportFailureWorkflow.json", new WorkflowTesterOptions(), context.CancellationToken);

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (tester is not null)
        {
            await tester.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task AMissingModuleIsSkippedWithAWarning()
    {
        await tester.WaitFor("import-warning", cancellationToken: Cancellation);
        await tester.AssertFunctionCompleted("import-warning", Cancellation);
        await tester.AssertLogsContain(
            "import-warning",
            "[WARNING] [py_func_helper.py] Skipping 01_missing_module.py due to import error: No module named 'faasr_it_module_that_does_not_exist'",
            Cancellation);
        await tester.AssertContentEquals("import_warning.txt", "import_warning ran", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(AMissingModuleIsSkippedWithAWarning))]
    public async Task ASourceErrorFailsTheFunction()
    {
        await tester.WaitFor("source-error", shouldFail: true, Cancellation);
        await tester.AssertFunctionFailed("source-error", Cancellation);
        await tester.AssertLogsContain("source-error", "[ERROR] [py_func_helper.py] Python file 01_broken_source.py has following source error:", Cancellation);
        await tester.AssertObjectDoesNotExist("source_error.txt", Cancellation);
    }
}

using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/ImportFailureWorkflow.json, FaaSr 2.1's import rules: a file importing a missing module is skipped (its
/// WARNING is made in the function's process, which uploads its records only with an ERROR, so it is not in S3) and
/// the function still runs; a file with a real source error fails it, and then the skipped files' records show.
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
    public async Task AMissingModuleIsSkipped()
    {
        await tester.WaitForAsync("import-warning", cancellationToken: Cancellation);
        await tester.AssertFunctionCompletedAsync("import-warning", Cancellation);
        await tester.AssertLogsContainAsync("import-warning", "import_warning ran: a file that imports a missing module is skipped, not fatal", Cancellation);
        await tester.AssertContentEqualsAsync("import_warning.txt", "import_warning ran", Cancellation);
    }

    [TestMethod]
    [DependsOn(nameof(AMissingModuleIsSkipped))]
    public async Task ASourceErrorFailsTheFunction()
    {
        await tester.WaitForAsync("source-error", shouldFail: true, Cancellation);
        await tester.AssertFunctionFailedAsync("source-error", Cancellation);
        await tester.AssertLogsContainAsync("source-error", "[ERROR] [py_func_helper.py] Python file 01_broken_source.py has following source error:", Cancellation);
        await tester.AssertObjectDoesNotExistAsync("source_error.txt", Cancellation);
    }
}

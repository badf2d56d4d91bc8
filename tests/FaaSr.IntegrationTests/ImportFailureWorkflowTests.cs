using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

/// <summary>
/// workflows/ImportFailureWorkflow.json, FaaSr 2.1's import rules: a file importing a missing module is skipped (its
/// WARNING is made in the function's process, which uploads its records only with an ERROR, so it is not in S3) and
/// the function still runs; a file with a real source error fails it, and then the skipped files' records show.
/// </summary>
[TestClass]
[Workflow("workflows/ImportFailureWorkflow.json")]
public sealed class ImportFailureWorkflowTests : WorkflowTest<ImportFailureWorkflowTests>
{
    [TestMethod]
    public async Task AMissingModuleIsSkipped()
    {
        await Expect(Function("import-warning")).ToCompleteAsync();
        await Expect(Function("import-warning")).ToLogAsync(
            "import_warning ran: a file that imports a missing module is skipped, not fatal");
        await Expect(Object("import_warning.txt")).ToHaveContentAsync("import_warning ran");
    }

    [TestMethod]
    [DependsOn(nameof(AMissingModuleIsSkipped))]
    public async Task ASourceErrorFailsTheFunction()
    {
        await Expect(Function("source-error")).ToFailAsync();
        await Expect(Function("source-error")).ToLogAsync(
            "[ERROR] [py_func_helper.py] Python file 01_broken_source.py has following source error:");
        await Expect(Object("source_error.txt")).NotToExistAsync();
    }
}

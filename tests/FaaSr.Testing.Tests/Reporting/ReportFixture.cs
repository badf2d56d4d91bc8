using FaaSr.Testing.Profiles;
using FaaSr.Testing.Reporting;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Reporting;

/// <summary>
/// The committed report input under Reporting/Fixtures: the TRX and run records of a real FailingWorkflowTests run
/// (its three tests passed over a failed fail-py) and of a real IntegrationTestWorkflow run, edited to hold what a
/// report must survive: a failed test whose message has markup and a secret, a skipped test, a log line with a
/// &lt;script&gt; and the secret, an object key with markup, and the newer record fields (storage, compute, runUrl,
/// reason, invokedBy, transitions) with sync2 failed and no test expecting it.
/// </summary>
internal static class ReportFixture
{
    public const string Secret = "fixture-secret-7Q2xK9";

    public const string FailingRunId = "7397b556-6e79-4e7c-bbba-af6b05cea98a";

    public const string IntegrationRunId = "6fff386c-dc30-470c-b617-8d1cc21a50b1";

    public static string TestResults => RepositoryFiles.Path("tests", "FaaSr.Testing.Tests", "Reporting", "Fixtures", "test-results");

    public static string Runs => RepositoryFiles.Path("tests", "FaaSr.Testing.Tests", "Reporting", "Fixtures", "runs");

    public static ReportSecrets Secrets => new([new SecretRedactor([Secret])]);

    public static ReportOptions Options(string outputFile) => new()
    {
        TestResultsFolder = TestResults,
        RunsFolder = Runs,
        OutputFile = outputFile,
        Revision = new SourceRevision("0123456789abcdef0123456789abcdef01234567", "feature/report"),
        Secrets = Secrets,
    };

    /// <summary>Renders the fixture into a temporary file and returns its HTML.</summary>
    public static async Task<string> RenderAsync(Func<ReportOptions, ReportOptions>? adjust = null)
    {
        var folder = Directory.CreateTempSubdirectory("faasr-it-report-");
        try
        {
            var options = Options(Path.Combine(folder.FullName, "report", "index.html"));
            var outcome = await ReportGenerator.GenerateAsync(adjust is null ? options : adjust(options), CancellationToken.None);
            return await File.ReadAllTextAsync(outcome.File);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

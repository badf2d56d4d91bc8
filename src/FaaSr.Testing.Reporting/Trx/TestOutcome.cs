namespace FaaSr.Testing.Reporting.Trx;

/// <summary>A test's outcome as the report groups them: TRX's NotExecuted and Inconclusive read as skipped, Error, Timeout and Aborted as failed.</summary>
public enum TestOutcome
{
    Passed,
    Failed,
    Skipped,
}

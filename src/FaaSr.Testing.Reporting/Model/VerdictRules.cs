using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting.Runs;
using FaaSr.Testing.Reporting.Trx;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>
/// Decides how a run reads. A run that failed reads "expected" when tests exercised it and none of them failed:
/// a test that waits for a function's status fails when the function failed, unless the test expected it to
/// (Expect(...).ToFailAsync, WaitForAsync(shouldFail), AssertFunctionFailedAsync), so passing tests over a failed
/// run mean the failure was asserted.
/// </summary>
internal static class VerdictRules
{
    /// <summary>
    /// The tests that exercised <paramref name="run"/>: those of a class named after the workflow
    /// ("FailingWorkflowTests" for FailingWorkflow, the tests' convention), or whose output names its InvocationID.
    /// </summary>
    public static IReadOnlyList<TrxTestResult> TestsOf(RecordedRun run, IEnumerable<TrxTestResult> tests) =>
        tests.Where(t => t.ShortClassName.StartsWith(run.WorkflowName, StringComparison.Ordinal)
            || t.StdOut.Contains(run.InvocationId, StringComparison.Ordinal)
            || t.Message.Contains(run.InvocationId, StringComparison.Ordinal)).ToArray();

    public static RunVerdict Decide(RecordedRun run, IReadOnlyList<TrxTestResult> testsOfRun)
    {
        if (run.FinishedAt is null)
        {
            return RunVerdict.Unfinished;
        }

        if (run.Functions.All(f => f.Status.HasCompleted))
        {
            return RunVerdict.Passed;
        }

        return testsOfRun.Any(t => t.Outcome == TestOutcome.Passed) && testsOfRun.All(t => t.Outcome != TestOutcome.Failed)
            ? RunVerdict.Expected
            : RunVerdict.Failed;
    }

    public static string Label(RunVerdict verdict) => verdict switch
    {
        RunVerdict.Passed => "passed",
        RunVerdict.Expected => "failed as expected",
        RunVerdict.Failed => "failed",
        _ => "unfinished",
    };

    public static string CssClass(RunVerdict verdict) => verdict.ToString().ToLowerInvariant();
}

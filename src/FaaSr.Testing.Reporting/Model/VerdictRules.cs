using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting.Runs;
using FaaSr.Testing.Reporting.Trx;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>
/// Decides how a run reads. A run that failed reads "expected" when tests exercised it and none of them failed:
/// a test that waits for a function's status fails when the function failed, unless the test expected it to
/// (Expect(...).ToFailAsync, WaitForAsync(shouldFail), AssertFunctionFailedAsync), so passing tests over a failed
/// run mean the failure was asserted. The report and <c>faasr-it watch</c>'s final summary both read runs this way.
/// </summary>
public static class VerdictRules
{
    /// <summary>
    /// The tests that exercised <paramref name="run"/>: those of a class named after the workflow
    /// ("FailingWorkflowTests" for FailingWorkflow, the tests' convention), or whose output names its InvocationID.
    /// </summary>
    internal static IReadOnlyList<TrxTestResult> TestsOf(RecordedRun run, IEnumerable<TrxTestResult> tests) =>
        TestsOf(run.WorkflowName, run.InvocationId, tests);

    /// <summary>The tests that exercised the run of <paramref name="workflowName"/> with <paramref name="invocationId"/>.</summary>
    public static IReadOnlyList<TrxTestResult> TestsOf(string workflowName, string invocationId, IEnumerable<TrxTestResult> tests) =>
        tests.Where(t => t.ShortClassName.StartsWith(workflowName, StringComparison.Ordinal)
            || t.StdOut.Contains(invocationId, StringComparison.Ordinal)
            || t.Message.Contains(invocationId, StringComparison.Ordinal)).ToArray();

    internal static RunVerdict Decide(RecordedRun run, IReadOnlyList<TrxTestResult> testsOfRun) =>
        Decide(run.FinishedAt is not null, run.Functions.Select(f => f.Status), testsOfRun);

    /// <summary>How a run whose instances ended with <paramref name="statuses"/> reads, given the tests that exercised it.</summary>
    public static RunVerdict Decide(bool finished, IEnumerable<FunctionStatus> statuses, IReadOnlyList<TrxTestResult> testsOfRun)
    {
        if (!finished)
        {
            return RunVerdict.Unfinished;
        }

        if (statuses.All(s => s.HasCompleted))
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

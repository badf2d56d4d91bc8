using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting.Model;
using FaaSr.Testing.Reporting.Trx;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// What the tests of a watched command say about its runs, from their TRX outcomes and the command's exit code. A
/// run whose functions failed while every test of it passed was failed on purpose (a test that asserts ToFailAsync
/// passes only when the function failed): it reads "failed as the tests expected", never red. A run whose functions
/// all completed but whose tests failed reads red. The last line follows the exit code alone, so a green run never
/// ends in red and a red one never in green. Which tests belong to a run is decided as in the report
/// (<see cref="VerdictRules"/>).
/// </summary>
internal sealed class TestConclusion(IReadOnlyList<TrxTestResult>? tests, int exitCode)
{
    private const int NamesShown = 5;

    /// <summary>The tests' outcomes; null when no TRX file was found.</summary>
    public IReadOnlyList<TrxTestResult>? Tests { get; } = tests;

    public int ExitCode { get; } = exitCode;

    public bool Green => ExitCode == 0;

    public RunJudgement Judge(RunRecord run)
    {
        var ofRun = Tests is null ? [] : VerdictRules.TestsOf(run.WorkflowName, run.InvocationId, Tests);
        var failedTests = ofRun.Where(t => t.Outcome == TestOutcome.Failed).Select(t => t.Name).ToArray();
        var failedFunctions = run.Functions.Where(f => !f.Status.HasCompleted).Select(f => $"{f.Name} {f.Status.WireName}").ToArray();
        var passed = ofRun.Count(t => t.Outcome == TestOutcome.Passed);
        var verdict = VerdictRules.Decide(run.FinishedAt is not null, run.Functions.Select(f => f.Status), ofRun);
        return verdict switch
        {
            RunVerdict.Passed when failedTests.Length > 0 =>
                new(verdict, "✘", "red", $"but {failedTests.Length} of {ofRun.Count} of its tests failed: {Names(failedTests)}", true),
            RunVerdict.Passed => new(verdict, "✔", "green", passed == 0 ? "" : $"{TestCount(passed)} passed", false),
            RunVerdict.Expected => new(verdict, "✔", "mediumpurple", $"failed as the tests expected ({TestCount(passed)} passed): {Names(failedFunctions)}", true),
            RunVerdict.Failed when failedTests.Length > 0 =>
                new(verdict, "✘", "red", $"{failedTests.Length} of {ofRun.Count} of its tests failed: {Names(failedTests)}", true),
            RunVerdict.Failed => new(
                verdict,
                Green ? "•" : "✘",
                Green ? "yellow" : "red",
                $"{Names(failedFunctions)}; no test result names this run{(Tests is null ? " (no TRX file was found)" : "")}",
                true),
            _ => new(verdict, "…", "yellow", "unfinished", true),
        };
    }

    /// <summary>"✔ tests passed: 21 passed; 3 runs failed as the tests expected", or why the command is red.</summary>
    public (string Mark, string Color, string Text) FinalLine(IEnumerable<RunRecord> runs)
    {
        var expected = runs.Count(run => Judge(run).Verdict == RunVerdict.Expected);
        var asExpected = expected == 0 ? "" : $"; {expected} run{(expected == 1 ? "" : "s")} failed as the tests expected";
        if (Tests is null)
        {
            return Green
                ? ("✔", "green", "the command exited 0; no TRX file was found to tell the tests' outcomes")
                : ("✘", "red", $"the command exited {ExitCode}; no TRX file was found to tell the tests' outcomes");
        }

        var failed = Tests.Where(t => t.Outcome == TestOutcome.Failed).Select(t => t.Name).ToArray();
        var skipped = Tests.Count(t => t.Outcome == TestOutcome.Skipped);
        var counts = $"{Tests.Count(t => t.Outcome == TestOutcome.Passed)} passed, {failed.Length} failed{(skipped == 0 ? "" : $", {skipped} skipped")}";
        return Green
            ? ("✔", "green", $"tests passed: {counts}{asExpected}")
            : ("✘", "red", $"tests failed (exit {ExitCode}): {counts}{(failed.Length == 0 ? "" : ": " + Names(failed))}{asExpected}");
    }

    private static string TestCount(int count) => $"{count} test{(count == 1 ? "" : "s")}";

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= NamesShown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(NamesShown))} and {names.Count - NamesShown} more";
}

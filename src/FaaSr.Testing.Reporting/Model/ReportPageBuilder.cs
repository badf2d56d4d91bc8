using FaaSr.Testing.Reporting.Rendering;
using FaaSr.Testing.Reporting.Trx;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>Builds the page model from the report's input; every text from a record, a log or a TRX passes through the secret mask here.</summary>
public static class ReportPageBuilder
{
    public static async Task<ReportPage> BuildAsync(ReportInput input, CancellationToken cancellationToken)
    {
        Func<string, string> mask = input.Secrets.Mask;
        var results = input.TestRuns.SelectMany(r => r.Results).ToArray();
        var tests = results
            .OrderBy(t => t.Outcome == TestOutcome.Failed ? 0 : 1)
            .ThenBy(t => t.ClassName, StringComparer.Ordinal)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select((t, i) => new TestRow
            {
                Index = i,
                Name = mask(t.Name),
                ClassName = mask(t.ClassName),
                Outcome = t.Outcome.ToString().ToLowerInvariant(),
                Duration = ReportFormat.Duration(t.Duration),
                DurationMs = (long)t.Duration.TotalMilliseconds,
                Source = mask(t.Source),
                Message = mask(t.Message),
                StackTrace = mask(t.StackTrace),
                StdOut = mask(t.StdOut),
            })
            .ToArray();

        var runs = new List<Model.RunSection>();
        foreach (var (run, index) in input.Runs.Select((r, i) => (r, i)))
        {
            runs.Add(await RunSectionBuilder.BuildAsync(index + 1, run, VerdictRules.TestsOf(run.Record, results), mask, cancellationToken));
        }

        var starts = input.TestRuns.Select(r => r.Start).Concat(input.Runs.Select(r => (DateTimeOffset?)r.Record.StartedAt)).OfType<DateTimeOffset>().ToArray();
        var finishes = input.TestRuns.Select(r => r.Finish).Concat(input.Runs.Select(r => r.Record.FinishedAt)).OfType<DateTimeOffset>().ToArray();
        var start = starts.Length > 0 ? starts.Min() : (DateTimeOffset?)null;
        var header = new List<HeaderField>
        {
            new("Commit", mask(input.Revision.Commit)),
            new("Branch", mask(input.Revision.Branch)),
            new("Profile", Distinct(input.Runs.Select(r => r.Record.Profile), mask)),
            new("Compute", Distinct(input.Runs.Select(r => r.Record.Compute), mask)),
            new("Storage", Distinct(input.Runs.Select(r => r.Record.Storage), mask)),
            new("Start", ReportFormat.Time(start)),
            new("Duration", start is { } s && finishes.Length > 0 ? ReportFormat.Duration(finishes.Max() - s) : "—"),
        };

        var counters = new List<Counter>
        {
            new("tests", ReportFormat.Number(tests.Length), "neutral"),
            new("passed", ReportFormat.Number(tests.Count(t => t.Outcome == "passed")), "passed"),
            new("failed", ReportFormat.Number(tests.Count(t => t.Outcome == "failed")), "failed"),
            new("skipped", ReportFormat.Number(tests.Count(t => t.Outcome == "skipped")), "skipped"),
            new("runs", ReportFormat.Number(runs.Count), "neutral"),
            new("runs passed", ReportFormat.Number(runs.Count(r => r.Verdict == RunVerdict.Passed)), "passed"),
            new("failed as expected", ReportFormat.Number(runs.Count(r => r.Verdict == RunVerdict.Expected)), "expected"),
            new("runs failed", ReportFormat.Number(runs.Count(r => r.Verdict is RunVerdict.Failed or RunVerdict.Unfinished)), "failed"),
            new("instances", ReportFormat.Number(input.Runs.Sum(r => r.Record.Functions.Count)), "neutral"),
        };

        return new ReportPage
        {
            Title = mask(input.Title),
            GeneratedAt = ReportFormat.Time(input.GeneratedAt),
            Header = header,
            Counters = counters,
            Tests = tests,
            Runs = runs,
            Data = TrustedHtml.FromJson(
                new ReportData(tests.Select(t => new ReportDataTest(t.Name, t.ClassName, t.Outcome, t.DurationMs)).ToArray()),
                ReportDataJsonContext.Default.ReportData),
            Css = TrustedHtml.FromResource("report.css"),
            Script = TrustedHtml.FromResource("report.js"),
        };
    }

    private static string Distinct(IEnumerable<string?> values, Func<string, string> mask)
    {
        var distinct = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => mask(v!)).Distinct(StringComparer.Ordinal).ToArray();
        return distinct.Length == 0 ? "not recorded" : string.Join(", ", distinct);
    }
}

using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting.Runs;
using FaaSr.Testing.Reporting.Trx;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>Turns one run (record, graph, objects, logs) and the tests that exercised it into its report section.</summary>
internal static class RunSectionBuilder
{
    /// <summary>A longer log is cut to its last part (where failures are), saying so.</summary>
    public const int MaxLogChars = 200_000;

    public const int MaxObjectRows = 2_000;

    public static async Task<RunSection> BuildAsync(int index, RunInput input, IReadOnlyList<TrxTestResult> tests, Func<string, string> mask, CancellationToken cancellationToken)
    {
        var run = input.Record;
        var verdict = VerdictRules.Decide(run, tests);
        var actionOrder = input.Graph?.Actions.Select(a => a.Name).ToArray() ?? run.Functions.Select(f => f.Action).Distinct(StringComparer.Ordinal).ToArray();
        var fields = new List<HeaderField>
        {
            new("Profile", Or(mask(run.Profile))),
            new("Compute", Or(run.Compute is null ? null : mask(run.Compute))),
            new("Storage", Or(run.Storage is null ? null : mask(run.Storage))),
            new("Sources", run.Sources.Count == 0 ? "not recorded" : mask(string.Join("; ", run.Sources))),
            new("Started", ReportFormat.Time(run.StartedAt)),
            new("Duration", run.FinishedAt is { } finished ? ReportFormat.Duration(finished - run.StartedAt) : "unfinished"),
            new("Log folder", Or(mask(run.InvocationFolder))),
            new("Record", mask(Path.GetFileName(run.Source))),
        };

        return new RunSection
        {
            Id = $"run-{ReportFormat.Number(index)}",
            WorkflowName = mask(run.WorkflowName),
            InvocationId = mask(run.InvocationId),
            Fields = fields,
            Verdict = verdict,
            VerdictLabel = VerdictRules.Label(verdict),
            StatusCounts = StatusStyle.Counts(run.Functions.Select(f => f.Status)),
            TestsSummary = tests.Count == 0
                ? "no test results name this run"
                : string.Join("; ", tests.GroupBy(t => t.ShortClassName).Select(g => $"{mask(g.Key)}: {string.Join(", ", g.GroupBy(t => t.Outcome).OrderBy(o => o.Key).Select(o => $"{ReportFormat.Number(o.Count())} {o.Key.ToString().ToLowerInvariant()}"))}")),
            Graph = GraphLayout.Lay(input.Graph, run.Functions, verdict, mask),
            Timeline = TimelineLayout.Lay(run, actionOrder, verdict, mask),
            Logs = await LogsAsync(input, actionOrder, verdict, mask, cancellationToken),
            Objects = input.Objects?.Take(MaxObjectRows).Select(o => new ObjectRow(mask(o.Store), mask(o.Key), ReportFormat.Size(o.Size))).ToArray(),
            ObjectsNote = input.Objects switch
            {
                null => "The objects of this run were not recorded.",
                { Count: 0 } => "The run left no objects in its log folder or user data.",
                { Count: > MaxObjectRows } all => $"{ReportFormat.Number(all.Count)} objects; the first {ReportFormat.Number(MaxObjectRows)} are listed.",
                var all => $"{ReportFormat.Number(all.Count)} objects at the end of the run, before clean-up.",
            },
            Links = Links(run, mask),
        };
    }

    private static async Task<IReadOnlyList<LogGroup>> LogsAsync(RunInput input, IReadOnlyList<string> actionOrder, RunVerdict verdict, Func<string, string> mask, CancellationToken cancellationToken)
    {
        var groups = new List<LogGroup>();
        var byAction = input.Record.Functions.GroupBy(f => f.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(f => f.Rank ?? 0).ToArray(), StringComparer.Ordinal);
        foreach (var action in actionOrder.Concat(byAction.Keys).Distinct(StringComparer.Ordinal).Where(byAction.ContainsKey))
        {
            var views = new List<LogView>();
            foreach (var function in byAction[action])
            {
                var log = await input.ReadLogAsync(function.Name, cancellationToken);
                var (text, note) = log switch
                {
                    null when input.ArtifactsFolder is null => ("", "No log was kept for this run (its record has no artifacts folder beside it)."),
                    null => ("", function.Status is FunctionStatus.NotInvoked or FunctionStatus.Skipped or FunctionStatus.Pending ? "No log: it never ran." : "No log was written."),
                    { Length: > MaxLogChars } longLog => (longLog[^MaxLogChars..], $"The log has {ReportFormat.Number(longLog.Length)} characters; the last {ReportFormat.Number(MaxLogChars)} are shown."),
                    _ => (log, ""),
                };
                views.Add(new LogView(
                    mask(function.Name),
                    StatusStyle.Of(function.Status, verdict),
                    StatusStyle.LabelOf(function.Status, verdict),
                    mask(Or(function.Reason, "")),
                    function.InvokedBy.Count == 0 ? "" : mask("invoked by " + string.Join(", ", function.InvokedBy)),
                    mask(text),
                    note,
                    function.Transitions.Select(t => mask($"{t.At.UtcDateTime:HH:mm:ss.fff} {t.From ?? "?"} → {t.To}{(t.Reason is { Length: > 0 } r ? $" ({r})" : "")}")).ToArray()));
            }

            var status = StatusStyle.Aggregate(byAction[action].Select(f => f.Status).ToArray());
            groups.Add(new LogGroup(mask(action), StatusStyle.Of(status, verdict), StatusStyle.Counts(byAction[action].Select(f => f.Status)), views));
        }

        return groups;
    }

    private static IReadOnlyList<LinkView> Links(RecordedRun run, Func<string, string> mask)
    {
        var links = new List<LinkView>();
        if (IsWebAddress(run.RunUrl))
        {
            links.Add(new LinkView("the run", mask(run.RunUrl!)));
        }

        links.AddRange(run.Functions
            .Where(f => IsWebAddress(f.RunUrl))
            .GroupBy(f => f.RunUrl!, StringComparer.Ordinal)
            .Select(g => new LinkView(mask(string.Join(", ", g.Select(f => f.Name))), mask(g.Key))));
        return links;
    }

    /// <summary>Only absolute http(s) addresses become links: a recorded "javascript:" URL stays text.</summary>
    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string Or(string? value, string fallback = "not recorded") => string.IsNullOrEmpty(value) ? fallback : value;
}

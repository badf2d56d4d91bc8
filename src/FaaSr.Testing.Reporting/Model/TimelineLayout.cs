using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Reporting.Runs;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>
/// Places every instance on one axis from the run's start to its end: a wait bar from invoked to started and a run
/// bar from started to finished (to the run's end while unfinished). Ranked actions become one group row with their
/// spread, their ranks inside it.
/// </summary>
internal static class TimelineLayout
{
    private const int TickCount = 4;

    public static TimelineView Lay(RecordedRun run, IReadOnlyList<string> actionOrder, RunVerdict verdict, Func<string, string> mask)
    {
        var times = run.Functions.SelectMany(f => new[] { f.InvokedAt, f.StartedAt, f.FinishedAt }).OfType<DateTimeOffset>().ToArray();
        var start = times.Length == 0 ? run.StartedAt : Min(run.StartedAt, times.Min());
        var end = Max(run.FinishedAt ?? start, times.Length == 0 ? start : times.Max());
        var span = end - start;
        if (span <= TimeSpan.Zero)
        {
            span = TimeSpan.FromMilliseconds(1);
            end = start + span;
        }

        var axis = new Axis(start, end, span);
        var ticks = Enumerable.Range(0, TickCount + 1)
            .Select(i => new TimelineTick(ReportFormat.Percent(100.0 * i / TickCount), ReportFormat.Offset(span * i / TickCount)))
            .ToArray();

        var byAction = run.Functions.GroupBy(f => f.Action, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(f => f.Rank ?? 0).ToArray(), StringComparer.Ordinal);
        var ordered = actionOrder.Where(byAction.ContainsKey).Concat(byAction.Keys.Where(a => !actionOrder.Contains(a))).Distinct(StringComparer.Ordinal);
        var rows = ordered.Select(action =>
        {
            var instances = byAction[action];
            return instances.Length == 1 && instances[0].Rank is null
                ? RowOf(instances[0], axis, verdict, mask)
                : GroupOf(mask(action), instances, axis, verdict, mask);
        }).ToArray();

        return new TimelineView(ReportFormat.Duration(span), ticks, rows);
    }

    private static TimelineRow RowOf(RecordedFunction function, Axis axis, RunVerdict verdict, Func<string, string> mask)
    {
        var status = StatusStyle.LabelOf(function.Status, verdict);
        var waitFrom = function.InvokedAt ?? function.StartedAt;
        var runFrom = function.StartedAt;
        var runTo = function.FinishedAt ?? (function.Status.IsFinal ? runFrom : axis.End);
        var waitTo = runFrom ?? runTo;
        var parts = new List<string> { $"{mask(function.Name)}: {status}" };
        AddTime(parts, "invoked", function.InvokedAt, axis);
        AddTime(parts, "started", function.StartedAt, axis);
        AddTime(parts, "finished", function.FinishedAt, axis);
        if (function.StartedAt is { } s && function.FinishedAt is { } f)
        {
            parts.Add($"ran {ReportFormat.Duration(f - s)}");
        }

        return new TimelineRow
        {
            Label = mask(function.Name),
            Status = StatusStyle.Of(function.Status, verdict),
            WaitLeft = axis.Left(waitFrom),
            WaitWidth = axis.Width(waitFrom, waitTo),
            RunLeft = axis.Left(runFrom),
            RunWidth = axis.Width(runFrom, runTo),
            Title = string.Join(" · ", parts),
        };
    }

    private static TimelineRow GroupOf(string action, IReadOnlyList<RecordedFunction> ranks, Axis axis, RunVerdict verdict, Func<string, string> mask)
    {
        var children = ranks.Select(r => RowOf(r, axis, verdict, mask)).ToArray();
        var first = ranks.Select(r => r.InvokedAt ?? r.StartedAt).OfType<DateTimeOffset>().DefaultIfEmpty().Min();
        var finishes = ranks.Select(r => r.FinishedAt).OfType<DateTimeOffset>().Order().ToArray();
        var starts = ranks.Select(r => r.StartedAt).OfType<DateTimeOffset>().Order().ToArray();
        var durations = ranks.Where(r => r.StartedAt is not null && r.FinishedAt is not null).Select(r => r.FinishedAt!.Value - r.StartedAt!.Value).Order().ToArray();
        var last = finishes.Length > 0 ? finishes[^1] : (DateTimeOffset?)null;
        var anyTime = first != default;
        var status = StatusStyle.Aggregate(ranks.Select(r => r.Status).ToArray());
        var summary = $"{action}: {ReportFormat.Number(ranks.Count)} ranks, {StatusStyle.Counts(ranks.Select(r => r.Status))}";
        if (durations.Length > 0)
        {
            summary += $" · ran {ReportFormat.Duration(durations[0])} to {ReportFormat.Duration(durations[^1])}, median {ReportFormat.Duration(durations[durations.Length / 2])}";
        }

        if (anyTime && last is { } l)
        {
            summary += $" · from {ReportFormat.Offset(first - axis.Start)} to {ReportFormat.Offset(l - axis.Start)}";
        }

        DateTimeOffset? medianStart = starts.Length > 0 ? starts[starts.Length / 2] : null;
        DateTimeOffset? medianFinish = finishes.Length > 0 ? finishes[finishes.Length / 2] : null;
        return new TimelineRow
        {
            Label = $"{action} ×{ReportFormat.Number(ranks.Count)}",
            Status = StatusStyle.Of(status, verdict),
            WaitLeft = axis.Left(anyTime ? first : null),
            WaitWidth = axis.Width(anyTime ? first : null, last ?? (anyTime ? axis.End : null)),
            RunLeft = axis.Left(medianStart),
            RunWidth = axis.Width(medianStart, medianFinish ?? medianStart),
            Title = summary,
            Children = children,
        };
    }

    private static void AddTime(List<string> parts, string what, DateTimeOffset? time, Axis axis)
    {
        if (time is { } t)
        {
            parts.Add($"{what} {ReportFormat.Offset(t - axis.Start)}");
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record Axis(DateTimeOffset Start, DateTimeOffset End, TimeSpan Span)
    {
        public string Left(DateTimeOffset? at) => at is { } t ? ReportFormat.Percent(100 * ((t - Start) / Span)) : "0";

        /// <summary>At least a sliver, so an instant still shows; zero when either end is unknown.</summary>
        public string Width(DateTimeOffset? from, DateTimeOffset? to) =>
            from is { } f && to is { } t ? ReportFormat.Percent(Math.Max(0.15, 100 * ((t - f) / Span))) : "0";
    }
}

using FaaSr.Testing.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// Spectre renderings of a run, each line cut to a width (<see cref="CutText"/>): a table with one row per action (the
/// ranks of an action counted per status), a progress bar, or one summary line. A table of n rows is n + 4 lines.
/// </summary>
internal static class RunTable
{
    private const string Separator = " · ";
    private const int MaxLabelWidth = 28;

    /// <summary>The width of a rounded table's borders and cell padding: 3 per column and 1 more.</summary>
    private static int Frame(int columns) => (3 * columns) + 1;

    /// <summary>Every row of the run.</summary>
    public static Table Of(RunRecord run, int width)
    {
        var rows = ActionRow.Of(run);
        return Of(run, rows, rows.Count, width);
    }

    /// <summary>
    /// At most <paramref name="maxRows"/> rows of <paramref name="rows"/>: when they do not all fit, the most relevant
    /// (failed, then running, ...; ties in the workflow's order) in the workflow's order, then one "… N more" row. The
    /// time columns go when <paramref name="width"/> leaves the counts too little room.
    /// </summary>
    public static Table Of(RunRecord run, IReadOnlyList<ActionRow> rows, int maxRows, int width)
    {
        var shown = Shown(rows, maxRows);
        var hidden = shown.Count < rows.Count ? rows.Except(shown).SelectMany(r => r.Instances).ToArray() : null;
        var labels = shown.Select(r => r.Label).Concat(hidden is null ? [] : [$"… {rows.Count - shown.Count} more"]).ToArray();
        var times = shown.Select(row => new[]
        {
            Offset(run, row.Earliest(f => f.InvokedAt)), Offset(run, row.Earliest(f => f.StartedAt)), Offset(run, row.Finished),
        }).ToArray();
        var labelWidth = Math.Min(MaxLabelWidth, labels.Append("Function").Max(l => l.Length));
        var timeWidth = times.SelectMany(t => t).Append("Finished").Max(t => t.Length);
        var withTimes = width - Frame(5) - labelWidth - (3 * timeWidth) >= 20;
        var statusWidth = Math.Max(6, width - labelWidth - (withTimes ? Frame(5) + (3 * timeWidth) : Frame(2)));

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Function").Width(labelWidth).NoWrap())
            .AddColumn(new TableColumn("Status").Width(statusWidth).NoWrap());
        if (withTimes)
        {
            foreach (var header in new[] { "Invoked", "Started", "Finished" })
            {
                table.AddColumn(new TableColumn(header).Width(timeWidth).RightAligned().NoWrap());
            }
        }

        for (var i = 0; i < labels.Length; i++)
        {
            var instances = i < shown.Count ? shown[i].Instances : hidden!;
            var cells = new List<IRenderable> { Cell(labels[i], labelWidth), new Markup(Counts(instances, statusWidth)) };
            if (withTimes)
            {
                cells.AddRange((i < shown.Count ? times[i] : ["", "", ""]).Select(t => Cell(t, timeWidth)));
            }

            table.AddRow(cells);
        }

        return table;
    }

    /// <summary>The run's title: "Workflow 1a2b3c4d (local) running for 3.0 s", the first part bold.</summary>
    public static IRenderable Title(RunRecord run, DateTimeOffset now, int width) => new Markup(CutText.Markup(
        [(RunSummary.Title(run), "bold"), ($" ({run.Profile}) {RunSummary.Progress(run, now)}", "")], width));

    /// <summary>"━━━━━━━──── 812/1000 finished · 800 completed · 12 failed · 188 running": a bar of the final instances, colored by outcome.</summary>
    public static IRenderable Progress(RunRecord run, int width)
    {
        var total = run.Functions.Count;
        var counts = RunSummary.CountsOf(run.Functions);
        var finished = counts.Where(c => c.Status.IsFinal).Sum(c => c.Count);
        var barWidth = Math.Clamp(width / 4, 10, 40);
        var pieces = new List<(string Text, string Color)>();
        var filled = 0;
        var finishedSoFar = 0;
        foreach (var (status, count) in counts.Where(c => c.Status.IsFinal))
        {
            finishedSoFar += count;
            var end = total == 0 ? 0 : (int)((long)finishedSoFar * barWidth / total);
            if (end > filled)
            {
                pieces.Add((new string('━', end - filled), Color(status)));
                filled = end;
            }
        }

        pieces.Add((new string('─', barWidth - filled), "grey"));
        pieces.Add(($" {finished}/{total} finished{Separator}{string.Join(Separator, counts.Select(c => $"{c.Count} {c.Status.WireName}"))}", ""));
        return new Markup(CutText.Markup(pieces, width));
    }

    /// <summary>"✔ Workflow 1a2b3c4d (local) finished in 2.0 s: 12 completed, 2 not_invoked", cut to <paramref name="width"/>.</summary>
    public static IRenderable Line(RunRecord run, DateTimeOffset now, int width = int.MaxValue)
    {
        var (mark, color) = run.FinishedAt is null ? ("…", "yellow") : RunSummary.Succeeded(run) ? ("✔", "green") : ("✘", "red");
        return new Markup(CutText.Markup([(mark, color), (" " + RunSummary.Line(run, now), "")], width));
    }

    /// <summary>The run's line as <paramref name="judgement"/> reads it: its mark, the line, then what the tests said.</summary>
    public static IRenderable Line(RunRecord run, DateTimeOffset now, RunJudgement judgement) => new Markup(CutText.Markup(
        [(judgement.Mark, judgement.Color), (" " + RunSummary.Line(run, now) + (judgement.Note.Length == 0 ? "" : " — " + judgement.Note), "")],
        int.MaxValue));

    public static string Color(FunctionStatus status) => status switch
    {
        FunctionStatus.Completed => "green",
        FunctionStatus.NotInvoked => "grey",
        FunctionStatus.Running => "yellow",
        FunctionStatus.Invoked => "blue",
        FunctionStatus.Pending => "grey",
        FunctionStatus.Failed or FunctionStatus.Timeout => "red",
        _ => "magenta",
    };

    private static List<ActionRow> Shown(IReadOnlyList<ActionRow> rows, int maxRows)
    {
        if (rows.Count <= maxRows)
        {
            return [.. rows];
        }

        // One line goes to "… N more".
        var kept = rows.Select((row, index) => (row, index))
            .OrderBy(r => r.row.Relevance)
            .ThenBy(r => r.index)
            .Take(Math.Max(0, maxRows - 1))
            .OrderBy(r => r.index)
            .Select(r => r.row);
        return [.. kept];
    }

    /// <summary>"completed" for one instance; "980 completed · 15 running · 5 failed" for many; as markup, cut to <paramref name="width"/>.</summary>
    private static string Counts(IReadOnlyList<RunRecordFunction> instances, int width)
    {
        if (instances.Count == 1)
        {
            return CutText.Markup([(instances[0].Status.WireName, Color(instances[0].Status))], width);
        }

        var pieces = new List<(string, string)>();
        foreach (var (status, count) in RunSummary.CountsOf(instances))
        {
            if (pieces.Count > 0)
            {
                pieces.Add((Separator, ""));
            }

            pieces.Add(($"{count} {status.WireName}", Color(status)));
        }

        return CutText.Markup(pieces, width);
    }

    private static Text Cell(string text, int width) => new(CutText.Cut(text, width));

    /// <summary>Seconds since the run started ("+1.2 s"), or blank.</summary>
    private static string Offset(RunRecord run, DateTimeOffset? at) => at is { } time ? "+" + RunSummary.Seconds(time - run.StartedAt) : "";
}

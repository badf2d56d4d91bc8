using FaaSr.Testing.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// One frame of the live view, cut to the terminal: never taller than its height, whatever the number of runs,
/// actions or output lines. What stays, in order of need: each run still going (its title and progress bar), the
/// line of each finished run (the latest ones, the others counted), the tables of the runs going (rows chosen by
/// <see cref="RunTable"/>), and the last lines of the command's output.
/// </summary>
internal sealed class LiveFrame(IAnsiConsole console)
{
    public const int OutputTailLines = 12;

    /// <summary>A table's lines besides its rows: the top border, the header, the header's rule and the bottom border.</summary>
    private const int TableChrome = 4;

    /// <summary>The output panel's lines besides its text: the top and bottom borders.</summary>
    private const int PanelChrome = 2;

    public IRenderable Of(IReadOnlyList<RunRecord> runs, IReadOnlyList<string> output, DateTimeOffset now)
    {
        var width = console.Profile.Width;

        // The cursor rests on the line below the frame: a frame of the full height would scroll the terminal.
        var height = Math.Max(1, console.Profile.Height - 1);
        var options = RenderOptions.Create(console, console.Profile.Capabilities);
        int Lines(IRenderable renderable) => Segment.SplitLines(renderable.Render(options, width)).Count;

        if (runs.Count == 0 && output.Count == 0)
        {
            return new Markup("[grey]No run recorded yet.[/]");
        }

        var going = runs.Where(r => r.FinishedAt is null).ToArray();
        var heads = going.Select(run => (IRenderable)new Rows(RunTable.Title(run, now, width), RunTable.Progress(run, width))).ToArray();
        var left = height - heads.Sum(Lines);

        var finishedBudget = going.Length == 0 ? left - PanelChrome - 1 : Math.Max(1, left / 3);
        var finished = FinishedLines(runs.Where(r => r.FinishedAt is not null).ToArray(), now, width, finishedBudget, Lines);
        left -= finished.Sum(Lines);

        var rows = going.Select(ActionRow.Of).ToArray();
        var tablesWant = rows.Sum(r => r.Count + TableChrome);
        var outputWant = output.Count == 0 ? 0 : Math.Min(output.Count, OutputTailLines) + PanelChrome;
        var outputGets = left - tablesWant >= outputWant ? outputWant : Math.Min(outputWant, Math.Max(PanelChrome + 1, left / 3));
        var panel = OutputPanel(output, Math.Min(outputGets, left), width, Lines);
        left -= panel is null ? 0 : Lines(panel);

        var parts = new List<IRenderable>(finished);
        for (var i = 0; i < going.Length; i++)
        {
            parts.Add(heads[i]);
            var share = left / (going.Length - i);
            var table = FittedTable(going[i], rows[i], share, width, Lines);
            if (table is not null)
            {
                parts.Add(table);
                left -= Lines(table);
            }
        }

        if (panel is not null)
        {
            parts.Add(panel);
        }

        return new Rows(parts);
    }

    /// <summary>The line of each finished run within <paramref name="budget"/> lines: the latest ones, the earlier ones counted in one line.</summary>
    private static List<IRenderable> FinishedLines(RunRecord[] finished, DateTimeOffset now, int width, int budget, Func<IRenderable, int> lines)
    {
        var all = finished.Select(run => RunTable.Line(run, now, width)).ToList();
        if (all.Sum(lines) <= budget)
        {
            return all;
        }

        for (var kept = Math.Min(all.Count - 1, Math.Max(0, budget - 1)); kept >= 0; kept--)
        {
            var earlier = finished[..^kept];
            var failed = earlier.Count(r => !RunSummary.Succeeded(r));
            var summary = new Markup(Markup.Escape(CutText.Cut(
                $"… {earlier.Length} earlier run{(earlier.Length == 1 ? "" : "s")} finished ({earlier.Length - failed} succeeded, {failed} not)", width)));
            var candidate = new List<IRenderable> { summary };
            candidate.AddRange(all[^kept..]);
            if (candidate.Sum(lines) <= Math.Max(1, budget) || kept == 0)
            {
                return candidate;
            }
        }

        return [];
    }

    /// <summary>The run's table in at most <paramref name="budget"/> lines, or null when not even one row fits.</summary>
    private static Table? FittedTable(RunRecord run, IReadOnlyList<ActionRow> rows, int budget, int width, Func<IRenderable, int> lines)
    {
        for (var shown = Math.Min(rows.Count, budget - TableChrome); shown >= 1; shown--)
        {
            var table = RunTable.Of(run, rows, shown, width);
            if (lines(table) <= budget)
            {
                return table;
            }
        }

        return null;
    }

    /// <summary>The last output lines in a panel of at most <paramref name="budget"/> lines, or null when there is no output or no room.</summary>
    private static Panel? OutputPanel(IReadOnlyList<string> output, int budget, int width, Func<IRenderable, int> lines)
    {
        for (var tail = Math.Min(Math.Min(output.Count, OutputTailLines), budget - PanelChrome); tail >= 1; tail--)
        {
            // Each line cut to the panel's inside (its borders and padding take 4 columns), so a line is one line.
            var text = string.Join('\n', output.Skip(output.Count - tail).Select(line => CutText.Cut(line, width - 4)));
            var panel = new Panel(new Text(text)).Header("output").Expand();
            if (lines(panel) <= budget)
            {
                return panel;
            }
        }

        return null;
    }
}

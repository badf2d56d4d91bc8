using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// Plain lines for logs (CI, redirected output): the command's output as it comes, one "[faasr-it]" line per run start
/// and end, and one per status change of an instance. An action of more than <see cref="PerInstanceLimit"/> instances
/// (a big fan-out) is summarised instead: one line of its counts per status when they changed, at most every
/// <see cref="SummaryInterval"/>, and whenever every instance is final or the run ends.
/// </summary>
internal sealed class PlainRunView(TextWriter writer, TimeProvider clock) : IRunView
{
    /// <summary>Up to this many instances an action gets one line per status change.</summary>
    public const int PerInstanceLimit = 10;

    public static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(5);

    private const string Prefix = "[faasr-it] ";

    private readonly Lock gate = new();
    private readonly Dictionary<(string Workflow, string InvocationId), RunRecord> seen = [];

    /// <summary>Per run and summarised action: the counts last printed and when.</summary>
    private readonly Dictionary<(string Workflow, string InvocationId, string Row), (string Counts, DateTimeOffset At)> summaries = [];

    public PlainRunView(TextWriter writer)
        : this(writer, TimeProvider.System)
    {
    }

    public void Update(RunRecord run)
    {
        lock (gate)
        {
            var key = (run.WorkflowName, run.InvocationId);
            var title = RunSummary.Title(run);
            if (!seen.TryGetValue(key, out var previous))
            {
                writer.WriteLine($"{Prefix}{title} ({run.Profile}): watching {run.Functions.Count} function instance{(run.Functions.Count == 1 ? "" : "s")}, invocation folder {run.InvocationFolder}");
            }

            var before = previous?.Functions.ToDictionary(f => f.Name, f => f.Status) ?? [];
            var ending = run.FinishedAt is not null && previous?.FinishedAt is null;
            foreach (var row in ActionRow.Of(run))
            {
                if (row.Instances.Count > PerInstanceLimit)
                {
                    Summarise(run, title, row, ending);
                    continue;
                }

                foreach (var function in row.Instances)
                {
                    var from = before.TryGetValue(function.Name, out var status) ? status : (FunctionStatus?)null;
                    if (from != function.Status && !(from is null && function.Status == FunctionStatus.Pending))
                    {
                        writer.WriteLine($"{Prefix}{title} {function.Name}: {(from is { } known ? known.WireName + " -> " : "")}{function.Status.WireName}");
                    }
                }
            }

            if (ending)
            {
                writer.WriteLine($"{Prefix}{RunSummary.Line(run, DateTimeOffset.UtcNow)}");
            }

            seen[key] = run;
            writer.Flush();
        }
    }

    public void Output(string line)
    {
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>Each run judged by the tests, then their verdict, as the last lines.</summary>
    public void Conclude(TestConclusion conclusion)
    {
        lock (gate)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var run in seen.Values.OrderBy(r => r.StartedAt))
            {
                var judgement = conclusion.Judge(run);
                writer.WriteLine($"{Prefix}{judgement.Mark} {RunSummary.Line(run, now)}{(judgement.Note.Length == 0 ? "" : " — " + judgement.Note)}");
            }

            var (mark, _, text) = conclusion.FinalLine(seen.Values);
            writer.WriteLine($"{Prefix}{mark} {text}");
            writer.Flush();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>"work(1..1000): 200 completed · 790 running · 10 invoked", when it says something new and is due.</summary>
    private void Summarise(RunRecord run, string title, ActionRow row, bool ending)
    {
        var key = (run.WorkflowName, run.InvocationId, row.Label);
        var counts = string.Join(" · ", RunSummary.CountsOf(row.Instances).Select(c => $"{c.Count} {c.Status.WireName}"));
        var now = clock.GetUtcNow();
        var known = summaries.TryGetValue(key, out var last);
        if ((known && last.Counts == counts) || (!known && row.Instances.All(f => f.Status == FunctionStatus.Pending)))
        {
            return;
        }

        if (!known || ending || row.IsFinal || now - last.At >= SummaryInterval)
        {
            writer.WriteLine($"{Prefix}{title} {row.Label}: {counts}");
            summaries[key] = (counts, now);
        }
    }
}

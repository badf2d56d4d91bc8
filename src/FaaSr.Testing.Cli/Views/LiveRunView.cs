using FaaSr.Testing.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// A live display for an interactive terminal: a table per run still going (one row per action, with a progress bar),
/// one line per finished run, and the last lines of the command's output, cut to the terminal's height (<see cref="LiveFrame"/>). When it ends, the whole output is printed, then every run's summary and the table of
/// each run that did not succeed.
/// </summary>
internal sealed class LiveRunView : IRunView
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly IAnsiConsole console;
    private readonly LiveFrame frame;
    private readonly Lock gate = new();
    private readonly Dictionary<(string Workflow, string InvocationId), RunRecord> runs = [];
    private readonly List<string> output = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task display;
    private int disposed;
    private TestConclusion? conclusion;

    public LiveRunView(IAnsiConsole console)
    {
        this.console = console;
        frame = new LiveFrame(console);
        display = console.Live(Render())
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Top)
            .StartAsync(RefreshAsync);
    }

    public void Update(RunRecord run)
    {
        lock (gate)
        {
            runs[(run.WorkflowName, run.InvocationId)] = run;
        }
    }

    public void Output(string line)
    {
        lock (gate)
        {
            output.Add(line);
        }
    }

    public void Conclude(TestConclusion conclusion)
    {
        lock (gate)
        {
            this.conclusion = conclusion;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stop.CancelAsync();
        await display;
        stop.Dispose();
        lock (gate)
        {
            foreach (var line in output)
            {
                console.WriteLine(line);
            }

            var now = DateTimeOffset.UtcNow;
            var ordered = Ordered();
            foreach (var run in ordered)
            {
                var judgement = conclusion?.Judge(run);
                console.Write(judgement is null ? RunTable.Line(run, now) : RunTable.Line(run, now, judgement));
                console.WriteLine();
                if (judgement?.ShowTable ?? !RunSummary.Succeeded(run))
                {
                    console.Write(RunTable.Of(run, console.Profile.Width));
                }
            }

            if (conclusion is not null)
            {
                var (mark, color, text) = conclusion.FinalLine(ordered);
                console.Write(new Markup(CutText.Markup([(mark, color), (" " + text, color)], int.MaxValue)));
                console.WriteLine();
            }
        }
    }

    private async Task RefreshAsync(LiveDisplayContext context)
    {
        while (!stop.IsCancellationRequested)
        {
            context.UpdateTarget(Render());
            try
            {
                await Task.Delay(RefreshInterval, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Disposed: the final state is printed after the live display is cleared.
            }
        }
    }

    private IRenderable Render()
    {
        lock (gate)
        {
            var tail = output.Count <= LiveFrame.OutputTailLines ? output : output[^LiveFrame.OutputTailLines..];
            return frame.Of(Ordered(), tail, DateTimeOffset.UtcNow);
        }
    }

    private List<RunRecord> Ordered() => runs.Values.OrderBy(r => r.StartedAt).ToList();
}

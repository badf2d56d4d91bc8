using FaaSr.Testing.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// A live display for an interactive terminal: a table per run still going, one line per finished run, and the last
/// lines of the command's output. When it ends, the whole output is printed, then every run's summary and the table of
/// each run that did not succeed.
/// </summary>
internal sealed class LiveRunView : IRunView
{
    private const int OutputTailLines = 12;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly IAnsiConsole console;
    private readonly Lock gate = new();
    private readonly Dictionary<(string Workflow, string InvocationId), RunRecord> runs = [];
    private readonly List<string> output = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task display;
    private int disposed;

    public LiveRunView(IAnsiConsole console)
    {
        this.console = console;
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
            foreach (var run in Ordered())
            {
                console.Write(RunTable.Line(run, now));
                console.WriteLine();
                if (!RunSummary.Succeeded(run))
                {
                    console.Write(RunTable.Of(run, now));
                }
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
            var now = DateTimeOffset.UtcNow;
            var parts = new List<IRenderable>();
            foreach (var run in Ordered())
            {
                parts.Add(run.FinishedAt is null ? RunTable.Of(run, now) : RunTable.Line(run, now));
            }

            if (parts.Count == 0)
            {
                parts.Add(new Markup("[grey]No run recorded yet.[/]"));
            }

            var tail = output.Count <= OutputTailLines ? output : output[^OutputTailLines..];
            parts.Add(new Panel(new Text(tail.Count == 0 ? " " : string.Join('\n', tail))).Header("output").Expand());
            return new Rows(parts);
        }
    }

    private List<RunRecord> Ordered() => runs.Values.OrderBy(r => r.StartedAt).ToList();
}

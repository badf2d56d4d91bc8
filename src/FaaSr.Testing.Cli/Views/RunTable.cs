using FaaSr.Testing.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FaaSr.Testing.Cli.Views;

/// <summary>Spectre renderings of a run: a table of its functions, or one summary line.</summary>
internal static class RunTable
{
    public static Table Of(RunRecord run, DateTimeOffset now)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(RunSummary.Title(run))}[/] ({Markup.Escape(run.Profile)}) {Markup.Escape(RunSummary.Progress(run, now))}")
            .AddColumn("Function")
            .AddColumn("Status")
            .AddColumn(new TableColumn("Invoked").RightAligned())
            .AddColumn(new TableColumn("Started").RightAligned())
            .AddColumn(new TableColumn("Finished").RightAligned());
        foreach (var function in run.Functions)
        {
            table.AddRow(
                new Text(function.Name),
                new Markup($"[{Color(function.Status)}]{function.Status.WireName}[/]"),
                new Text(Offset(run, function.InvokedAt)),
                new Text(Offset(run, function.StartedAt)),
                new Text(Offset(run, function.FinishedAt)));
        }

        return table;
    }

    public static IRenderable Line(RunRecord run, DateTimeOffset now)
    {
        var (mark, color) = run.FinishedAt is null ? ("…", "yellow") : RunSummary.Succeeded(run) ? ("✔", "green") : ("✘", "red");
        return new Markup($"[{color}]{mark}[/] {Markup.Escape(RunSummary.Line(run, now))}");
    }

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

    /// <summary>Seconds since the run started ("+1.2 s"), or blank.</summary>
    private static string Offset(RunRecord run, DateTimeOffset? at) => at is { } time ? "+" + RunSummary.Seconds(time - run.StartedAt) : "";
}

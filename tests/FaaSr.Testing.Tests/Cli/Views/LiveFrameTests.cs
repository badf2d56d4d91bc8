using FaaSr.Testing.Cli.Views;
using FaaSr.Testing.Monitoring;
using Spectre.Console;

namespace FaaSr.Testing.Tests.Cli.Views;

/// <summary>The live view's frame written to a terminal of a fixed size (a Spectre console on a StringWriter).</summary>
[TestClass]
public sealed class LiveFrameTests
{
    private static readonly DateTimeOffset Now = BigRunRecords.StartedAt.AddSeconds(12);

    [TestMethod]
    public void AThousandInstanceRunIsOneRowPerActionWithCountsAndAProgressBarWithinTheTerminal()
    {
        var lines = Render(120, 24, [BigRunRecords.FanOut()], ["Passed SomeTest [12 ms]"]);

        Assert.IsLessThanOrEqualTo(23, lines.Length, Shown(lines));
        var text = string.Join('\n', lines);
        StringAssert.Contains(text, "Scale 0badcafe (local) running for 12.0 s");
        StringAssert.Contains(text, "911/1000 finished · 901 completed · 10 failed · 80 running · 8 invoked · 1 pending");
        StringAssert.Contains(text, "━", "the progress bar");
        var work = lines.Single(l => l.Contains("work(1..998)", StringComparison.Ordinal));
        StringAssert.Contains(work, "900 completed · 10 failed · 80 running · 8 invoked");
        Assert.IsTrue(lines.Any(l => l.Contains("│ entry", StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal)), Shown(lines));
        Assert.IsTrue(lines.Any(l => l.Contains("│ join", StringComparison.Ordinal) && l.Contains("pending", StringComparison.Ordinal)), Shown(lines));
        Assert.IsFalse(lines.Any(l => l.Contains("work(5)", StringComparison.Ordinal)), "No rank has a row of its own.");
        StringAssert.Contains(text, "Passed SomeTest [12 ms]");
    }

    [TestMethod]
    public void MoreRowsThanFitShowTheFailedAndRunningOnesThenHowManyMore()
    {
        var lines = Render(80, 16, [BigRunRecords.ManyActions(60, failed: 57, running: 58)], []);

        Assert.IsLessThanOrEqualTo(15, lines.Length, Shown(lines));
        var text = string.Join('\n', lines);
        StringAssert.Contains(text, "59/60 finished");
        Assert.IsTrue(lines.Any(l => l.Contains("a57", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal)), Shown(lines));
        Assert.IsTrue(lines.Any(l => l.Contains("a58", StringComparison.Ordinal) && l.Contains("running", StringComparison.Ordinal)), Shown(lines));
        var more = lines.Single(l => l.Contains("more", StringComparison.Ordinal));
        var shownRows = lines.Count(l => l.Contains("│ a", StringComparison.Ordinal));
        StringAssert.Contains(more, $"… {60 - shownRows} more");
        StringAssert.Contains(more, $"{60 - shownRows} completed");
    }

    [TestMethod]
    public void ManyRunsAndALongOutputStillFitAndKeepEveryRunningRunsProgress()
    {
        var finished = Enumerable.Range(0, 30).Select(i => BigRunRecords.FanOut(finished: true, workflow: $"Done{i}", invocationId: $"{i:D8}-x")).ToArray();
        RunRecord[] runs = [.. finished, BigRunRecords.FanOut(workflow: "A"), BigRunRecords.FanOut(workflow: "B")];
        var output = Enumerable.Range(0, 40).Select(i => $"output line {i} " + new string('x', 150)).ToArray();

        var lines = Render(90, 30, runs, output);

        Assert.IsLessThanOrEqualTo(29, lines.Length, Shown(lines));
        var text = string.Join('\n', lines);
        StringAssert.Contains(text, "A 0badcafe (local) running for");
        StringAssert.Contains(text, "B 0badcafe (local) running for");
        Assert.AreEqual(2, lines.Count(l => l.Contains("911/1000 finished", StringComparison.Ordinal)), Shown(lines));
        StringAssert.Contains(text, "earlier runs finished (0 succeeded, ");
        StringAssert.Contains(text, "Done29", "the latest finished run has its line");
        StringAssert.Contains(text, "output line 39", "the newest output line");
    }

    [TestMethod]
    public void ATinyTerminalKeepsTheProgressLinesOnly()
    {
        var lines = Render(60, 5, [BigRunRecords.FanOut()], ["hello"]);

        Assert.IsLessThanOrEqualTo(4, lines.Length, Shown(lines));
        StringAssert.Contains(string.Join('\n', lines), "911/1000 finished");
    }

    [TestMethod]
    public void TheFinalTableOfABigRunIsOneRowPerAction()
    {
        var writer = new StringWriter();
        var console = Console(writer, 120, 40);
        console.Write(RunTable.Of(BigRunRecords.FanOut(finished: true), 120));

        var rows = writer.ToString().Split('\n').Where(l => l.StartsWith('│')).ToArray();
        Assert.HasCount(4, rows, writer.ToString());
    }

    private static string[] Render(int width, int height, IReadOnlyList<RunRecord> runs, IReadOnlyList<string> output)
    {
        var writer = new StringWriter();
        var console = Console(writer, width, height);
        var tail = output.Count <= LiveFrame.OutputTailLines ? output : output.Skip(output.Count - LiveFrame.OutputTailLines).ToArray();
        console.Write(new LiveFrame(console).Of(runs, tail, Now));
        return writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    private static IAnsiConsole Console(StringWriter writer, int width, int height)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        return console;
    }

    private static string Shown(string[] lines) => $"{lines.Length} lines:\n{string.Join('\n', lines)}";
}

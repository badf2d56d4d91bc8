using FaaSr.Testing.Cli.Views;
using FaaSr.Testing.Monitoring;
using Microsoft.Extensions.Time.Testing;

namespace FaaSr.Testing.Tests.Cli.Views;

[TestClass]
public sealed class PlainRunViewTests
{
    [TestMethod]
    public async Task ABigFanOutIsSummarisedPerActionAtMostEveryIntervalNotOneLinePerRank()
    {
        var writer = new StringWriter();
        var clock = new FakeTimeProvider(BigRunRecords.StartedAt);
        await using var view = new PlainRunView(writer, clock);

        // 998 ranks go invoked -> running -> completed, ten more each step, one record per step, 100 ms apart (15 s).
        var statuses = new FunctionStatus[998];
        Array.Fill(statuses, FunctionStatus.Invoked);
        view.Update(Record(statuses, finished: false));
        for (var step = 1; step <= 150; step++)
        {
            for (var rank = 0; rank < 998; rank++)
            {
                statuses[rank] = rank < (step * 10) - 500 ? FunctionStatus.Completed
                    : rank < step * 10 ? FunctionStatus.Running
                    : FunctionStatus.Invoked;
            }

            clock.Advance(TimeSpan.FromMilliseconds(100));
            view.Update(Record(statuses, finished: false));
        }

        Array.Fill(statuses, FunctionStatus.Completed);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        view.Update(Record(statuses, finished: true));

        var lines = writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var work = lines.Where(l => l.Contains("work(1..998): ", StringComparison.Ordinal)).ToArray();
        Assert.IsFalse(lines.Any(l => l.Contains("work(3)", StringComparison.Ordinal)), string.Join('\n', lines));
        Assert.IsLessThanOrEqualTo(10, work.Length, string.Join('\n', lines));
        Assert.AreEqual("[faasr-it] Scale 0badcafe work(1..998): 998 invoked", work[0]);
        Assert.AreEqual("[faasr-it] Scale 0badcafe work(1..998): 998 completed", work[^1]);
        Assert.IsTrue(lines.Contains("[faasr-it] Scale 0badcafe entry: completed"), "entry keeps its own lines");
        StringAssert.StartsWith(lines[^1], "[faasr-it] Scale 0badcafe (local) finished in 30.0 s: 1000 completed");
    }

    [TestMethod]
    public void ASmallRunGetsOneLinePerStatusChange()
    {
        var writer = new StringWriter();
        var view = new PlainRunView(writer, new FakeTimeProvider());
        RunRecord Of(FunctionStatus status) => BigRunRecords.Record(
            "Small", "12345678-9", [BigRunRecords.Function("a", FunctionStatus.Completed, 0), BigRunRecords.Function("b", status, 0)], false);

        view.Update(Of(FunctionStatus.Invoked));
        view.Update(Of(FunctionStatus.Running));
        view.Update(Of(FunctionStatus.Failed));

        var lines = writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        CollectionAssert.AreEqual(
            new[]
            {
                "[faasr-it] Small 12345678 (local): watching 2 function instances, invocation folder FaaSrLog/Small/t/12345678-9",
                "[faasr-it] Small 12345678 a: completed",
                "[faasr-it] Small 12345678 b: invoked",
                "[faasr-it] Small 12345678 b: invoked -> running",
                "[faasr-it] Small 12345678 b: running -> failed",
            },
            lines);
    }

    private static RunRecord Record(FunctionStatus[] ranks, bool finished)
    {
        var functions = new List<RunRecordFunction> { BigRunRecords.Function("entry", FunctionStatus.Completed, 0) };
        functions.AddRange(ranks.Select((status, i) => BigRunRecords.Function($"work({i + 1})", status, 1)));
        functions.Add(BigRunRecords.Function("join", finished ? FunctionStatus.Completed : FunctionStatus.Pending, 2));
        return BigRunRecords.Record("Scale", "0badcafe-1111", functions, finished);
    }
}

using System.Text;
using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

[TestClass]
public sealed class LogParserTests
{
    private const string SampleLog =
        "Downloading functions\n" +
        "[0.512] [INFO] [faasr_entry.py] Starting function: create_input (Python)\n" +
        "[1.02] [INFO] [server.py] Processing request: faasr_log\n" +
        "Using invocation ID: 6f1c é ✓ 𝄞\r\n" +
        "second raw line\n" +
        "\n" +
        "[3.5] [ERROR] [faasr_entry.py] outside_exception\n" +
        "[3.6] [ERROR] [faasr_entry.py] Traceback: Traceback (most recent call last):\n" +
        "  File \"x.py\", line 3\n" +
        "Exception: inside_exception\n" +
        "[4.0] [INFO] [scheduler.py] GitHub Action: Successfully invoked: sync1\n";

    [TestMethod]
    public void RawLinesAttachToThePreviousEntry()
    {
        var entries = LogParser.Split("[1.0] a\nb\n[2.0] c");

        CollectionAssert.AreEqual(new[] { "[1.0] a\nb", "[2.0] c" }, entries.Select(e => e.Text).ToArray());
    }

    [TestMethod]
    public void TextBeforeTheFirstEntryIsDropped()
    {
        var entries = LogParser.Split("preamble\nmore\n[1.0] first");

        Assert.HasCount(1, entries);
        Assert.AreEqual("[1.0] first", entries[0].Text);
    }

    [TestMethod]
    public void AnEmptyLogHasNoEntries()
    {
        Assert.IsEmpty(LogParser.Split(""));
        Assert.IsEmpty(LogParser.Split("no entry at all\n"));
    }

    [TestMethod]
    public void TheSampleSplitsIntoFiveEntriesWithTrailingBlanksTrimmed()
    {
        var entries = LogParser.Split(SampleLog);

        Assert.HasCount(5, entries);
        Assert.AreEqual("[1.02] [INFO] [server.py] Processing request: faasr_log\nUsing invocation ID: 6f1c é ✓ 𝄞\nsecond raw line", entries[1].Text);
        Assert.IsTrue(entries[2].IsError);
        Assert.AreEqual("[3.6] [ERROR] [faasr_entry.py] Traceback: Traceback (most recent call last):", entries[3].FirstLine);
        StringAssert.Contains(entries[3].Text, "Exception: inside_exception");
        Assert.IsFalse(entries[4].IsError);
    }

    [TestMethod]
    public void FeedingTheBytesInTwoPiecesGivesTheSameEntriesAtEverySplitPoint()
    {
        var bytes = Encoding.UTF8.GetBytes(SampleLog);
        var whole = Texts(LogParser.Split(SampleLog));

        for (var split = 0; split <= bytes.Length; split++)
        {
            var parser = new LogParser();
            parser.Append(bytes.AsSpan(0, split));
            parser.Append(bytes.AsSpan(split));

            CollectionAssert.AreEqual(whole, Texts(parser.Entries), $"Split at byte {split}.");
            Assert.AreEqual(SampleLog, parser.Text, $"Split at byte {split}.");
        }
    }

    [TestMethod]
    public void FeedingOneByteAtATimeDecodesSplitCharactersAndGivesTheSameEntries()
    {
        var bytes = Encoding.UTF8.GetBytes(SampleLog);
        var parser = new LogParser();
        var closed = new List<LogEntry>();

        foreach (var b in bytes)
        {
            closed.AddRange(parser.Append([b]));
        }

        CollectionAssert.AreEqual(Texts(LogParser.Split(SampleLog)), Texts(parser.Entries));
        Assert.AreEqual(SampleLog, parser.Text);
        Assert.AreEqual(bytes.Length, parser.Length);
        CollectionAssert.AreEqual(Texts(parser.Entries).Take(4).ToArray(), Texts(closed), "Only the last entry stays open.");
    }

    [TestMethod]
    public void AnEntryStaysOpenUntilTheNextOneStarts()
    {
        var parser = new LogParser();

        var closedFirst = parser.Append("[1.0] a\n"u8);
        var closedSecond = parser.Append("continued\n[2.0] b\n"u8);

        Assert.IsEmpty(closedFirst);
        Assert.HasCount(1, closedSecond);
        Assert.AreEqual("[1.0] a\ncontinued", closedSecond[0].Text);
        Assert.AreEqual("[2.0] b", parser.Entries[^1].Text);
    }

    [TestMethod]
    public void ALineIsClassifiedOnlyOnceItIsWhole()
    {
        var parser = new LogParser();

        parser.Append("[1.0] a\n[2"u8);
        Assert.HasCount(1, parser.Entries, "'[2' does not start an entry yet.");

        parser.Append(".0] b\n"u8);
        Assert.HasCount(2, parser.Entries);
        Assert.AreEqual("[2.0] b", parser.Entries[1].Text);
    }

    private static string[] Texts(IEnumerable<LogEntry> entries) => entries.Select(e => e.Text).ToArray();
}

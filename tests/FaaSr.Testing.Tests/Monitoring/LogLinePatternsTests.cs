using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

[TestClass]
public sealed class LogLinePatternsTests
{
    [TestMethod]
    [DataRow("[1.0] [ERROR] x")]
    [DataRow("[10.123] [ERROR]")]
    [DataRow("[12.408] [ERROR] [faasr_entry.py] Traceback: boom")]
    public void ATimestampedErrorLineIsAnError(string line) => Assert.IsTrue(LogLinePatterns.IsErrorLine(line));

    [TestMethod]
    [DataRow("[1.0] [INFO] x")]
    [DataRow("[1.0] [WARNING] x")]
    [DataRow("[ERROR] without a timestamp")]
    [DataRow("[1.0] ERROR without brackets")]
    [DataRow("")]
    [DataRow("raw text mentioning [1.0] [ERROR] in the middle")]
    public void OtherLinesAreNotErrors(string line) => Assert.IsFalse(LogLinePatterns.IsErrorLine(line));

    [TestMethod]
    [DataRow("[1.0] a", true)]
    [DataRow("[12.408] [INFO] [scheduler.py] x", true)]
    [DataRow("[...] dots count as digits", true)]
    [DataRow(" [1.0] indented", false)]
    [DataRow("[1, 2, 3]", false)]
    [DataRow("[abc] x", false)]
    [DataRow("", false)]
    public void AnEntryStartsWithDigitsOrDotsInBrackets(string line, bool startsEntry) =>
        Assert.AreEqual(startsEntry, LogLinePatterns.StartsEntry(line));
}

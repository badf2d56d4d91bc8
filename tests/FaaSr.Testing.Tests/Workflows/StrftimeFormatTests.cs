using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

[TestClass]
public sealed class StrftimeFormatTests
{
    private static readonly DateTimeOffset Moment = new(2026, 3, 4, 15, 6, 7, 890, TimeSpan.Zero);

    [TestMethod]
    [DataRow("%Y%m%d", "20260304")]
    [DataRow("%Y-%m-%dT%H-%M-%S", "2026-03-04T15-06-07")]
    [DataRow("%y/%j %I%p", "26/063 03PM")]
    [DataRow("%a %A %b %B", "Wed Wednesday Mar March")]
    [DataRow("%F %T", "2026-03-04 15:06:07")]
    [DataRow("run-%f", "run-890000")]
    [DataRow("%w %u %U %W %V %G", "3 3 09 09 10 2026")]
    [DataRow("%z %Z %%", "+0000 UTC %")]
    [DataRow("no directives", "no directives")]
    public void FormatsLikePythonsStrftime(string format, string expected) =>
        Assert.AreEqual(expected, StrftimeFormat.Format(format, Moment));

    [TestMethod]
    [DataRow("%Y%Q", "2026%Q")]
    [DataRow("%Y%", "2026%")]
    [DataRow("%-m/%-d", "3/4")]
    public void UnknownDirectivesAndALonePercentPassThroughAsGlibcDoes(string format, string expected) =>
        Assert.AreEqual(expected, StrftimeFormat.Format(format, Moment));

    [TestMethod]
    public void ANaiveTimeHasNoZoneAsFaaSrsParsedTimestamp() =>
        Assert.AreEqual("20260304-15|||000000", StrftimeFormat.FormatNaive("%Y%m%d-%H|%z|%Z|%f", new DateTime(2026, 3, 4, 15, 6, 7)));
}

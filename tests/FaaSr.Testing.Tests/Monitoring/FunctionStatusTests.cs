using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

[TestClass]
public sealed class FunctionStatusTests
{
    [TestMethod]
    public void WireNamesAreLowercaseWithUnderscores() =>
        CollectionAssert.AreEqual(
            new[] { "pending", "invoked", "not_invoked", "running", "completed", "failed", "skipped", "timeout" },
            Enum.GetValues<FunctionStatus>().Select(s => s.WireName).ToArray());

    [TestMethod]
    public void WireNamesParseBack()
    {
        foreach (var status in Enum.GetValues<FunctionStatus>())
        {
            Assert.AreEqual(status, FunctionStatusExtensions.ParseWireName(status.WireName));
        }

        Assert.IsNull(FunctionStatusExtensions.ParseWireName("NOT_INVOKED"));
    }

    [TestMethod]
    public void CompletedAndNotInvokedHaveCompleted() =>
        CollectionAssert.AreEquivalent(
            new[] { FunctionStatus.Completed, FunctionStatus.NotInvoked },
            Enum.GetValues<FunctionStatus>().Where(s => s.HasCompleted).ToArray());

    [TestMethod]
    public void FinalStatusesAreTheCompletedOnesPlusFailedSkippedAndTimeout() =>
        CollectionAssert.AreEquivalent(
            new[] { FunctionStatus.Completed, FunctionStatus.NotInvoked, FunctionStatus.Failed, FunctionStatus.Skipped, FunctionStatus.Timeout },
            Enum.GetValues<FunctionStatus>().Where(s => s.IsFinal).ToArray());
}

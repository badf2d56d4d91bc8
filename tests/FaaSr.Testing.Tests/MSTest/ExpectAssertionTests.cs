using System.Text.RegularExpressions;
using FaaSr.Testing.MSTest;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.MSTest;

/// <summary>
/// A test class on the <see cref="WorkflowTest{TSelf}"/> base over one real run of the probe outcomes workflow (local
/// profile): writer completes (out.txt) and dispatches failer and ranked(2), failer fails, after-failer is skipped,
/// dontrun is not invoked. Each Expect assertion passes on the right state and, on a wrong one, fails saying what was
/// expected, what was found and the function's last log lines; an assertion of the test project's own does the same.
/// </summary>
[TestClass]
public sealed class ExpectAssertionTests : ProbeWorkflowTest<ExpectAssertionTests>
{
    protected override string Bucket => "probe-expect";

    protected override WorkflowTesterOptions Options => base.Options with { WriteRunRecord = false };

    [TestMethod]
    public async Task FunctionExpectationsPassOnTheStatusTheyName()
    {
        await Expect(Function("writer")).ToCompleteAsync();
        await Expect(Function("writer")).ToLogAsync("writer says hello");
        await Expect(Function("failer")).ToFailAsync();
        await Expect(Function("after-failer")).ToBeSkippedAsync();
        await Expect(Function("dontrun")).NotToBeInvokedAsync();
    }

    [TestMethod]
    public async Task AFailedExpectationSaysWhatWasExpectedWhatWasFoundAndShowsTheLog()
    {
        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => Expect(Function("failer")).ToCompleteAsync());

        TestContext.WriteLine(failure.Message);
        StringAssert.StartsWith(failure.Message, "ToCompleteAsync(failer): failer ended failed.");
        StringAssert.Contains(failure.Message, "Expected: completed\n");
        StringAssert.Contains(failure.Message, "Found:    failed (");
        StringAssert.Matches(failure.Message, new Regex(@"Last \d+ of \d+ log lines of failer \(FaaSrLog/Probe/.+/failer\.txt\), failed:"));
        StringAssert.Contains(failure.Message, "    failer is about to raise");
        StringAssert.Contains(failure.Message, $"Run Probe {Tester.InvocationId} (local): writer completed");
    }

    [TestMethod]
    public async Task ObjectExpectationsWaitForTheObjectAndFailOnceTheRunEndedWithoutIt()
    {
        await Expect(Function("ranked(2)")).ToCompleteAsync();
        await Expect(Object("out.txt")).ToExistAsync();
        await Expect(Object("out.txt")).ToHaveContentAsync("written by writer");
        await Expect(Object("never.txt")).NotToExistAsync();

        var missing = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => Expect(Object("rank3.txt")).ToExistAsync());
        StringAssert.StartsWith(
            missing.Message, $"ToExistAsync(rank3.txt): {Tester.KeyOf("rank3.txt")} does not exist in bucket 'probe-expect'.");
        StringAssert.Contains(missing.Message, "Found:    no such object; the invocation's user data holds 3 object(s)");
        StringAssert.Contains(missing.Message, "log lines of ranked(2)", "The log shown is that of the function the test last waited for.");
        Assert.IsTrue(Tester.Session.Monitoring.IsCompleted, "A missing object fails only once the run has ended.");

        var differs = await Assert.ThrowsExactlyAsync<AssertFailedException>(
            () => Expect(Object("rank2.txt")).ToHaveContentAsync("rank 2\n"));
        StringAssert.Contains(differs.Message, "Expected: \"rank 2\\n\"\nFound:    \"rank 2\"");
    }

    [TestMethod]
    public async Task AnAssertionOfTheTestProjectsOwnFailsWithTheSameReport()
    {
        await Expect(Function("writer")).ToDispatchAsync("ranked");

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => Expect(Function("writer")).ToDispatchAsync("dontrun"));

        StringAssert.StartsWith(failure.Message, "ToDispatchAsync(writer): no dispatch of dontrun.");
        StringAssert.Contains(failure.Message, "Expected: a dispatch of dontrun");
        StringAssert.Contains(failure.Message, "Found:    dispatches of ");
        StringAssert.Contains(failure.Message, "    writer says hello");
        StringAssert.Contains(failure.Message, $"Run Probe {Tester.InvocationId} (local): ");
    }

    [TestMethod]
    public void AnUnknownFunctionIsReportedWithTheKnownOnes()
    {
        var failure = Assert.ThrowsExactly<KeyNotFoundException>(() => Function("ranked(3)"));

        StringAssert.Contains(failure.Message, "ranked(1), ranked(2)");
    }
}

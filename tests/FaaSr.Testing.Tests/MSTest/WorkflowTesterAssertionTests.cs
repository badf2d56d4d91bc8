using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.MSTest;

/// <summary>
/// Every assertion of the tester against one real run of the probe outcomes workflow (local profile): it passes on
/// the right state and, on a wrong one, throws AssertFailedException saying what was expected, what was found and the
/// function's last log lines. writer completes (out.txt), ranked(1..2) complete, failer fails, dontrun is not invoked.
/// </summary>
[TestClass]
public sealed class WorkflowTesterAssertionTests(TestContext testContext)
{
    private static ProbeRepository repository = null!;
    private static WorkflowTester tester = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        repository = new ProbeRepository();
        tester = await WorkflowTester.StartAsync(
            repository.WriteOutcomesWorkflow("probe-outcomes"),
            new WorkflowTesterOptions
            {
                RepositoryRoot = repository.Root,
                UserDataFolder = ProbeRepository.UserFolder,
                PollInterval = TimeSpan.FromMilliseconds(200),
                Output = TextWriter.Null,
            },
            context.CancellationToken);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (tester is not null)
        {
            await tester.DisposeAsync();
        }

        repository?.Dispose();
    }

    [TestMethod]
    public async Task WaitForReturnsTheFinalStatusOfACompletedOrNotInvokedFunction()
    {
        Assert.AreEqual(FunctionStatus.Completed, await tester.WaitForAsync("writer", cancellationToken: Cancellation));
        Assert.AreEqual(FunctionStatus.NotInvoked, await tester.WaitForAsync("dontrun", cancellationToken: Cancellation));
        Assert.AreEqual(FunctionStatus.Completed, await tester.WaitForAsync("ranked(2)", cancellationToken: Cancellation),
            "Ranked instances are named f(r).");
    }

    [TestMethod]
    public async Task WaitForAFailedFunctionThrowsUnlessAFailureIsAllowed()
    {
        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.WaitForAsync("failer", cancellationToken: Cancellation));

        AssertDescribes(failure, "Expected: completed or not_invoked", "Found:    failed", "failer is about to raise");
        Assert.AreEqual(FunctionStatus.Failed, await tester.WaitForAsync("failer", shouldFail: true, Cancellation));
    }

    [TestMethod]
    public async Task AssertFunctionCompletedPassesOnlyForACompletedFunction()
    {
        await tester.AssertFunctionCompletedAsync("writer", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertFunctionCompletedAsync("failer", Cancellation));
        AssertDescribes(failure, "Expected: completed", "Found:    failed", "Exception: probe failure");
    }

    [TestMethod]
    public async Task AssertFunctionNotInvokedPassesOnlyForAFunctionNeverInvoked()
    {
        await tester.AssertFunctionNotInvokedAsync("dontrun", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertFunctionNotInvokedAsync("writer", Cancellation));
        AssertDescribes(failure, "Expected: not_invoked", "Found:    completed", "writer says hello");
    }

    [TestMethod]
    public async Task AssertFunctionFailedPassesOnlyForAFailedFunction()
    {
        await tester.AssertFunctionFailedAsync("failer", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertFunctionFailedAsync("ranked(1)", Cancellation));
        AssertDescribes(failure, "Expected: failed", "Found:    completed", "ranked(1)");
    }

    [TestMethod]
    public async Task AssertLogsContainPassesOnlyWhenTheLogHoldsTheText()
    {
        await tester.AssertLogsContainAsync("writer", "writer says hello", Cancellation);
        await tester.AssertLogsContainAsync("failer", "Exception: probe failure", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertLogsContainAsync("writer", "a line nobody wrote", Cancellation));
        AssertDescribes(failure, "Expected: a log containing \"a line nobody wrote\"", "log lines without it", "writer says hello");
    }

    [TestMethod]
    public async Task AssertObjectExistsPassesOnlyForAnObjectOfThisInvocation()
    {
        await tester.WaitForAsync("writer", cancellationToken: Cancellation);
        await tester.AssertObjectExistsAsync("out.txt", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertObjectExistsAsync("missing.txt", Cancellation));
        AssertDescribes(failure, "Expected: the object to exist", "Found:    no such object", "out.txt");
        StringAssert.Contains(failure.Message, tester.KeyOf("missing.txt"));
        StringAssert.Contains(failure.Message, "log lines of", "The message shows the log of the function last waited for.");
    }

    [TestMethod]
    public async Task AssertObjectDoesNotExistPassesOnlyForAnAbsentObject()
    {
        await tester.WaitForAsync("writer", cancellationToken: Cancellation);
        await tester.AssertObjectDoesNotExistAsync("missing.txt", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertObjectDoesNotExistAsync("out.txt", Cancellation));
        AssertDescribes(failure, "Expected: no such object", "Found:    the object, 17 bytes", "writer says hello");
    }

    [TestMethod]
    public async Task AssertContentEqualsPassesOnlyForTheExactText()
    {
        await tester.WaitForAsync("ranked(2)", cancellationToken: Cancellation);
        await tester.AssertContentEqualsAsync("rank2.txt", "rank 2", Cancellation);

        var differs = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertContentEqualsAsync("rank2.txt", "rank 2\n", Cancellation));
        AssertDescribes(differs, "Expected: \"rank 2\\n\"", "Found:    \"rank 2\"", "ranked(2)");

        var missing = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertContentEqualsAsync("rank3.txt", "rank 3", Cancellation));
        AssertDescribes(missing, "Expected: \"rank 3\"", "Found:    no such object", "rank1.txt");
    }

    [TestMethod]
    public void ObjectKeysAreTheUserFolderTheInvocationAndTheName() =>
        Assert.AreEqual($"{ProbeRepository.UserFolder}/{tester.InvocationId}/rank_files/rank1.txt", tester.KeyOf("rank_files/rank1.txt"));

    [TestMethod]
    public async Task AnUnknownFunctionNameIsReportedWithTheKnownOnes()
    {
        var failure = await Assert.ThrowsExactlyAsync<KeyNotFoundException>(() =>
            tester.WaitForAsync("ranked(3)", cancellationToken: Cancellation));

        StringAssert.Contains(failure.Message, "ranked(1), ranked(2)");
    }

    private static void AssertDescribes(AssertFailedException failure, params string[] parts)
    {
        foreach (var part in parts)
        {
            StringAssert.Contains(failure.Message, part);
        }

        StringAssert.Contains(failure.Message, $"Run {ProbeRepository.WorkflowName} {tester.InvocationId} (local): writer completed");
    }
}

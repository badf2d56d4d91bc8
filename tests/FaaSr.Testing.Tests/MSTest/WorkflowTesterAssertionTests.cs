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
        Assert.AreEqual(FunctionStatus.Completed, await tester.WaitFor("writer", cancellationToken: Cancellation));
        Assert.AreEqual(FunctionStatus.NotInvoked, await tester.WaitFor("dontrun", cancellationToken: Cancellation));
        Assert.AreEqual(FunctionStatus.Completed, await tester.WaitFor("ranked(2)", cancellationToken: Cancellation), "Ranked instances are named f(r).");
    }

    [TestMethod]
    public async Task WaitForAFailedFunctionThrowsUnlessAFailureIsAllowed()
    {
        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.WaitFor("failer", cancellationToken: Cancellation));

        AssertDescribes(failure, "Expected: completed or not_invoked", "Found:    failed", "failer is about to raise");
        Assert.AreEqual(FunctionStatus.Failed, await tester.WaitFor("failer", shouldFail: true, Cancellation));
    }

    [TestMethod]
    public async Task AssertFunctionCompletedPassesOnlyForACompletedFunction()
    {
        await tester.AssertFunctionCompleted("writer", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertFunctionCompleted("failer", Cancellation));
        AssertDescribes(failure, "Expected: completed", "Found:    failed", "Exception: probe failure");
    }

    [TestMethod]
    public async Task AssertFunctionNotInvokedPassesOnlyForAFunctionNeverInvoked()
    {
        await tester.AssertFunctionNotInvoked("dontrun", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertFunctionNotInvoked("writer", Cancellation));
        AssertDescribes(failure, "Expected: not_invoked", "Found:    completed", "writer says hello");
    }

    [TestMethod]
    public async Task AssertFunctionFailedPassesOnlyForAFailedFunction()
    {
        await tester.AssertFunctionFailed("failer", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertFunctionFailed("ranked(1)", Cancellation));
        AssertDescribes(failure, "Expected: failed", "Found:    completed", "ranked(1)");
    }

    [TestMethod]
    public async Task AssertLogsContainPassesOnlyWhenTheLogHoldsTheText()
    {
        await tester.AssertLogsContain("writer", "writer says hello", Cancellation);
        await tester.AssertLogsContain("failer", "Exception: probe failure", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertLogsContain("writer", "a line nobody wrote", Cancellation));
        AssertDescribes(failure, "Expected: a log containing \"a line nobody wrote\"", "log lines without it", "writer says hello");
    }

    [TestMethod]
    public async Task AssertObjectExistsPassesOnlyForAnObjectOfThisInvocation()
    {
        await tester.WaitFor("writer", cancellationToken: Cancellation);
        await tester.AssertObjectExists("out.txt", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertObjectExists("missing.txt", Cancellation));
        AssertDescribes(failure, "Expected: the object to exist", "Found:    no such object", "out.txt");
        StringAssert.Contains(failure.Message, tester.KeyOf("missing.txt"));
        StringAssert.Contains(failure.Message, "log lines of", "The message shows the log of the function last waited for.");
    }

    [TestMethod]
    public async Task AssertObjectDoesNotExistPassesOnlyForAnAbsentObject()
    {
        await tester.WaitFor("writer", cancellationToken: Cancellation);
        await tester.AssertObjectDoesNotExist("missing.txt", Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertObjectDoesNotExist("out.txt", Cancellation));
        AssertDescribes(failure, "Expected: no such object", "Found:    the object, 17 bytes", "writer says hello");
    }

    [TestMethod]
    public async Task AssertContentEqualsPassesOnlyForTheExactText()
    {
        await tester.WaitFor("ranked(2)", cancellationToken: Cancellation);
        await tester.AssertContentEquals("rank2.txt", "rank 2", Cancellation);

        var differs = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertContentEquals("rank2.txt", "rank 2\n", Cancellation));
        AssertDescribes(differs, "Expected: \"rank 2\\n\"", "Found:    \"rank 2\"", "ranked(2)");

        var missing = await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertContentEquals("rank3.txt", "rank 3", Cancellation));
        AssertDescribes(missing, "Expected: \"rank 3\"", "Found:    no such object", "rank1.txt");
    }

    [TestMethod]
    public void ObjectKeysAreTheUserFolderTheInvocationAndTheName() =>
        Assert.AreEqual($"{ProbeRepository.UserFolder}/{tester.InvocationId}/rank_files/rank1.txt", tester.KeyOf("rank_files/rank1.txt"));

    [TestMethod]
    public async Task AnUnknownFunctionNameIsReportedWithTheKnownOnes()
    {
        var failure = await Assert.ThrowsExactlyAsync<KeyNotFoundException>(() => tester.WaitFor("ranked(3)", cancellationToken: Cancellation));

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

using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class LocalExecutorInvocationTests(TestContext testContext)
{
    private const string Single = """
        "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
        """;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task TheDocumentsInvocationIdIsUsedAndASecondRunWithItIsRefused()
    {
        await using var harness = await ExecutorHarness.CreateAsync("fixed-id", Cancellation);
        harness.AddFile("f.py", "def only():\n    pass\n");
        var graph = harness.Workflow(Single, change: w =>
        {
            w["InvocationID"] = "fixed-run";
            w["InvocationTimestamp"] = "2026-01-02T03-04-05";
        });

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual("fixed-run", run.InvocationId);
        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        Assert.AreEqual("FaaSrLog/LocalTest/2026-01-02T03-04-05/fixed-run", run.Folder.Prefix);
        var before = await harness.KeysAsync(Cancellation);

        var refused = await Assert.ThrowsExactlyAsync<LocalRunSetupException>(
            () => new LocalExecutor(harness.Options()).StartAsync(graph, Cancellation));
        Assert.AreEqual("InvocationID already exists: fixed-run", refused.Message);
        CollectionAssert.AreEquivalent(before.ToList(), (await harness.KeysAsync(Cancellation)).ToList(), "A refused run writes nothing.");
    }

    [TestMethod]
    public async Task AnIdThatIsAPrefixOfAnExistingOneIsRefusedAsFaaSrListsWithoutASlash()
    {
        await using var harness = await ExecutorHarness.CreateAsync("prefix-id", Cancellation);
        harness.AddFile("f.py", "def only():\n    pass\n");
        var timestamp = "2026-01-02T03-04-05";
        await harness.Store.PutAsync($"FaaSrLog/LocalTest/{timestamp}/run-10/only.txt", "[0.0] [INFO] [x.py] y\n"u8.ToArray(), Cancellation);
        var graph = harness.Workflow(Single, change: w =>
        {
            w["InvocationID"] = "run-1";
            w["InvocationTimestamp"] = timestamp;
        });

        var refused = await Assert.ThrowsExactlyAsync<LocalRunSetupException>(
            () => new LocalExecutor(harness.Options()).StartAsync(graph, Cancellation));

        Assert.AreEqual("InvocationID already exists: run-1", refused.Message);
    }

    [TestMethod]
    public async Task AWhiteSpaceIdIsReplacedByANewOne()
    {
        await using var harness = await ExecutorHarness.CreateAsync("blank-id", Cancellation);
        harness.AddFile("f.py", "def only():\n    pass\n");
        var graph = harness.Workflow(Single, change: w => w["InvocationID"] = "  ");

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        Assert.IsTrue(Guid.TryParseExact(run.InvocationId, "D", out _), run.InvocationId);
    }

    [TestMethod]
    public async Task InvocationIdFromDateFormatsAGivenInvocationTimestampToTheSecondWithoutAZone()
    {
        await using var harness = await ExecutorHarness.CreateAsync("date-given", Cancellation);
        harness.AddFile("f.py", "def only():\n    pass\n");
        var graph = harness.Workflow(Single, change: w =>
        {
            w["InvocationIDFromDate"] = "%Y%m%d%H%M%S%f%z%Z";
            w["InvocationTimestamp"] = "2025-12-31T23-59-58";
        });

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        Assert.AreEqual("20251231235958000000", run.InvocationId);
    }

    [TestMethod]
    public async Task InvocationIdFromDateFormatsTheInvocationTimeAndTheTimestampIsUtc()
    {
        await using var harness = await ExecutorHarness.CreateAsync("date-id", Cancellation);
        harness.AddFile("f.py", "from FaaSr_py.client.py_client_stubs import faasr_invocation_id\n\ndef only():\n    faasr_log(faasr_invocation_id())\n");
        var graph = harness.Workflow(Single, change: w => w["InvocationIDFromDate"] = "%Y%m%d-%H");
        var clock = new ShiftedClock(new DateTimeOffset(2026, 3, 4, 22, 5, 6, TimeSpan.FromHours(-5)));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { Clock = clock });

        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        Assert.AreEqual("20260305-03", run.InvocationId);
        Assert.AreEqual("2026-03-05T03-05-06", run.InvocationTimestamp);
        StringAssert.Contains(await harness.LogAsync(run, "only", Cancellation), "\n20260305-03\n");
    }

    [TestMethod]
    public async Task WithoutAnIdTheRunGetsANewUuid()
    {
        await using var harness = await ExecutorHarness.CreateAsync("uuid-id", Cancellation);
        harness.AddFile("f.py", "def only():\n    pass\n");
        var graph = harness.Workflow(Single);

        var (first, _) = await harness.RunAsync(graph, Cancellation);
        var (second, _) = await harness.RunAsync(graph, Cancellation);

        Assert.IsTrue(Guid.TryParseExact(first.InvocationId, "D", out var id), first.InvocationId);
        Assert.AreEqual(4, id.Version);
        Assert.AreNotEqual(first.InvocationId, second.InvocationId);
    }

    [TestMethod]
    public async Task AnInvocationTimestampFaaSrCannotParseIsRefusedBeforeAnythingIsWritten()
    {
        await using var harness = await ExecutorHarness.CreateAsync("bad-date", Cancellation);
        harness.AddFile("f.py", "def only():\n    pass\n");
        var graph = harness.Workflow(Single, change: w =>
        {
            w["InvocationIDFromDate"] = "%Y%m%d";
            w["InvocationTimestamp"] = "2026-01-02 03:04:05";
        });

        var refused = await Assert.ThrowsExactlyAsync<InvocationSetupException>(
            () => new LocalExecutor(harness.Options()).StartAsync(graph, Cancellation));

        StringAssert.Contains(refused.Message, "in FaaSr 2.1 the entry action would crash (ValueError)");
        Assert.IsEmpty(await harness.KeysAsync(Cancellation));
    }

    [TestMethod]
    public async Task CodeThatCannotBeFoundIsRefusedNamingTheActionAndTheKey()
    {
        await using var harness = await ExecutorHarness.CreateAsync("no-code", Cancellation);
        var graph = harness.Workflow(Single, change: w => w["FunctionGitRepo"] = new JsonObject { ["only"] = "owner/repo/functions/Missing" });

        var refused = await Assert.ThrowsExactlyAsync<LocalRunSetupException>(
            () => new LocalExecutor(harness.Options()).StartAsync(graph, Cancellation));

        StringAssert.Contains(refused.Message, "Action 'only'");
        StringAssert.Contains(refused.Message, "FunctionGitRepo['only'] = 'owner/repo/functions/Missing'");
        Assert.IsEmpty(await harness.KeysAsync(Cancellation));
    }
}

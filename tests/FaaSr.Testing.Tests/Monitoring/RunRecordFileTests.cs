using System.Text.Json.Nodes;
using FaaSr.Testing.Files;
using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Monitoring;

[TestClass]
public sealed class RunRecordFileTests(TestContext testContext)
{
    private static readonly RunRecord Sample = new()
    {
        WorkflowName = "IntegrationTestWorkflow",
        InvocationId = "6f1c",
        InvocationFolder = "FaaSrLog/IntegrationTestWorkflow/2025-11-20T14-03-11/6f1c",
        Profile = "local",
        Storage = "local",
        Compute = "faasr",
        RunUrl = "https://github.com/owner/repo/actions",
        Sources = [new RunRecordSource("FaaSr-Backend", "/src/FaaSr-Backend", "1a2b3c4")],
        StartedAt = new DateTimeOffset(2025, 11, 20, 15, 3, 11, 482, TimeSpan.FromHours(1)),
        FinishedAt = new DateTimeOffset(2025, 11, 20, 14, 4, 0, TimeSpan.Zero),
        Functions =
        [
            new RunRecordFunction
            {
                Name = "test-rank(3)",
                Status = FunctionStatus.Completed,
                InvokedAt = new DateTimeOffset(2025, 11, 20, 14, 3, 20, TimeSpan.Zero),
                StartedAt = new DateTimeOffset(2025, 11, 20, 14, 3, 25, TimeSpan.Zero),
                FinishedAt = new DateTimeOffset(2025, 11, 20, 14, 3, 30, TimeSpan.Zero),
                LogKey = "FaaSrLog/IntegrationTestWorkflow/2025-11-20T14-03-11/6f1c/test-rank(3).txt",
                Reason = ".done written",
                InvokedBy = ["test-run-false"],
                RunUrl = "https://github.com/owner/repo/actions/runs/17",
                Transitions =
                [
                    new RunRecordTransition { From = FunctionStatus.Pending, To = FunctionStatus.Invoked, At = new DateTimeOffset(2025, 11, 20, 14, 3, 20, 7, TimeSpan.Zero), Reason = "invoked by test-run-false" },
                    new RunRecordTransition { From = FunctionStatus.Invoked, To = FunctionStatus.Completed, At = new DateTimeOffset(2025, 11, 20, 14, 3, 30, TimeSpan.Zero), Reason = ".done written" },
                ],
            },
            new RunRecordFunction { Name = "test-dontrun-true", Status = FunctionStatus.NotInvoked, LogKey = "k.txt" },
        ],
    };

    private string folder = "";

    [TestInitialize]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("run-record-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [TestMethod]
    public async Task TheFileUsesCamelCaseLowercaseStatusesAndUtcTimes()
    {
        var path = Path.Combine(folder, "runs", "run.json");

        await RunRecordFile.WriteAsync(Sample, path, testContext.CancellationToken);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(path, testContext.CancellationToken))!.AsObject();
        Assert.AreEqual("IntegrationTestWorkflow", (string?)json["workflowName"]);
        Assert.AreEqual("6f1c", (string?)json["invocationId"]);
        Assert.AreEqual("local", (string?)json["profile"]);
        Assert.AreEqual("2025-11-20T14:03:11.482Z", (string?)json["startedAt"]);
        var functions = json["functions"]!.AsArray();
        Assert.AreEqual("completed", (string?)functions[0]!["status"]);
        Assert.AreEqual("2025-11-20T14:03:25.000Z", (string?)functions[0]!["startedAt"]);
        Assert.AreEqual("not_invoked", (string?)functions[1]!["status"]);
        Assert.IsNull(functions[1]!["invokedAt"]);
        Assert.IsTrue(functions[1]!.AsObject().ContainsKey("invokedAt"), "Absent times are written as null.");
        CollectionAssert.AreEqual(new[] { "run.json" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).ToArray(), "No temporary file is left.");
    }

    [TestMethod]
    public async Task TheFileKeepsStorageComputeSourcesAndEachInstancesReasonInvokersLinkAndTransitions()
    {
        var path = Path.Combine(folder, "run.json");

        await RunRecordFile.WriteAsync(Sample, path, testContext.CancellationToken);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(path, testContext.CancellationToken))!.AsObject();
        Assert.AreEqual("local", (string?)json["storage"]);
        Assert.AreEqual("faasr", (string?)json["compute"]);
        Assert.AreEqual("https://github.com/owner/repo/actions", (string?)json["runUrl"]);
        var source = json["sources"]!.AsArray().Single()!;
        Assert.AreEqual("FaaSr-Backend|/src/FaaSr-Backend|1a2b3c4", $"{source["name"]}|{source["location"]}|{source["commit"]}");
        var rank = json["functions"]![0]!;
        Assert.AreEqual(".done written", (string?)rank["reason"]);
        Assert.AreEqual("test-run-false", (string?)rank["invokedBy"]![0]);
        Assert.AreEqual("https://github.com/owner/repo/actions/runs/17", (string?)rank["runUrl"]);
        var invoked = rank["transitions"]![0]!;
        Assert.AreEqual("pending|invoked|2025-11-20T14:03:20.007Z|invoked by test-run-false", $"{invoked["from"]}|{invoked["to"]}|{invoked["at"]}|{invoked["reason"]}");
        Assert.AreEqual(0, json["functions"]![1]!["transitions"]!.AsArray().Count);
    }

    [TestMethod]
    public async Task ARecordReadsBackEqual()
    {
        var path = Path.Combine(folder, "run.json");
        await RunRecordFile.WriteAsync(Sample, path, testContext.CancellationToken);
        await RunRecordFile.WriteAsync(Sample with { Profile = "cloud" }, path, testContext.CancellationToken);

        var read = await RunRecordFile.ReadAsync(path, testContext.CancellationToken);

        Assert.AreEqual("cloud", read.Profile);
        Assert.AreEqual(Sample.StartedAt, read.StartedAt);
        Assert.AreEqual(JsonOf(Sample with { Profile = "cloud" }), JsonOf(read));
    }

    [TestMethod]
    public async Task AnUnknownStatusIsReportedWithTheFileName()
    {
        var path = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(path, """
            {"workflowName":"W","invocationId":"i","invocationFolder":"f","profile":"local","startedAt":"2025-01-01T00:00:00Z",
             "finishedAt":"2025-01-01T00:00:01Z","functions":[{"name":"a","status":"done","logKey":"k"}]}
            """, testContext.CancellationToken);

        var error = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => RunRecordFile.ReadAsync(path, testContext.CancellationToken));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "'done' is not a function status");
    }

    [TestMethod]
    public async Task AFifoIsRefusedAndLeftInPlace()
    {
        var fifo = Path.Combine(folder, "record.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync(testContext.CancellationToken);
        }

        var error = Assert.ThrowsExactly<IOException>(() => RunRecordFile.EnsureWritable(fifo));
        StringAssert.Contains(error.Message, "not a regular file");
        await Assert.ThrowsExactlyAsync<IOException>(() => RunRecordFile.WriteAsync(Sample, fifo, testContext.CancellationToken));

        Assert.AreEqual(FileKind.Special, FileKinds.Of(fifo), "the fifo is still a fifo, not replaced by a file");
    }

    [TestMethod]
    public void ACharacterDeviceIsRefused()
    {
        var error = Assert.ThrowsExactly<IOException>(() => RunRecordFile.EnsureWritable("/dev/null"));

        StringAssert.Contains(error.Message, "not a regular file");
    }

    [TestMethod]
    public async Task ASymbolicLinkIsFollowedNotReplaced()
    {
        var target = Path.Combine(folder, "target.json");
        await File.WriteAllTextAsync(target, "old", testContext.CancellationToken);
        var link = Path.Combine(folder, "link.json");
        File.CreateSymbolicLink(link, target);

        await RunRecordFile.WriteAsync(Sample, link, testContext.CancellationToken);

        Assert.IsNotNull(new FileInfo(link).LinkTarget, "the link is still a link");
        Assert.AreEqual(Sample.InvocationId, (await RunRecordFile.ReadAsync(target, testContext.CancellationToken)).InvocationId);
    }

    [TestMethod]
    public async Task AShorterRecordLeavesNoTailOfTheLongerOne()
    {
        var path = Path.Combine(folder, "run.json");
        await File.WriteAllTextAsync(path, new string(' ', 100_000) + "garbage", testContext.CancellationToken);

        await RunRecordFile.WriteAsync(Sample, path, testContext.CancellationToken);

        Assert.AreEqual(Sample.InvocationId, (await RunRecordFile.ReadAsync(path, testContext.CancellationToken)).InvocationId);
    }

    [TestMethod]
    public void ARecordThatEndsWithoutAResultShowsNoInstanceAsStillGoing()
    {
        var going = Sample with
        {
            FinishedAt = null,
            Functions = [.. Sample.Functions, new RunRecordFunction { Name = "late", Status = FunctionStatus.Running, LogKey = "l" }, new RunRecordFunction { Name = "later", Status = FunctionStatus.Pending, LogKey = "m" }],
        };

        var ended = going.EndedAt(Sample.FinishedAt!.Value);

        Assert.AreEqual(Sample.FinishedAt, ended.FinishedAt);
        Assert.IsTrue(ended.Functions.All(f => f.Status.IsFinal), string.Join(", ", ended.Functions.Select(f => $"{f.Name} {f.Status.WireName}")));
        Assert.AreEqual(FunctionStatus.Skipped, ended.Functions.Single(f => f.Name == "late").Status);
        Assert.AreEqual(FunctionStatus.Completed, ended.Functions.Single(f => f.Name == "test-rank(3)").Status);
    }

    private static string JsonOf(RunRecord record) => System.Text.Json.JsonSerializer.Serialize(record, RunRecordJsonContext.Default.RunRecord);
}

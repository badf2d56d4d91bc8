using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;
using static FaaSr.Testing.Tests.Support.ProbeRepository;

namespace FaaSr.Testing.Tests.Sessions;

[TestClass]
public sealed class WorkflowLauncherTests(TestContext testContext)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task DisposingALocalSessionStopsItsS3ServerAndItsFunctionProcesses()
    {
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Sleeper.json", "sleeper-bucket", null, new Probe("sleeper", "sleeper", "[]"));
        var port = ProcessProbe.FreePort();
        var launcher = LocalLauncher(new LocalS3ServerOptions { Port = port });

        var session = await launcher.LaunchAsync(new WorkflowLaunch { Graph = repository.Load(workflow), FunctionsRoot = repository.Root }, Cancellation);
        var pid = await ProcessProbe.WaitForPidFileAsync(repository.PidFile, Deadline, Cancellation);
        Assert.IsTrue(ProcessProbe.IsListening(port), "s3rver listens while the session runs.");
        Assert.IsTrue(ProcessProbe.IsRunning(pid), "The sleeping function runs.");

        await session.DisposeAsync();

        Assert.IsFalse(ProcessProbe.IsListening(port), "s3rver is stopped.");
        Assert.IsTrue(await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsRunning(pid), TimeSpan.FromSeconds(10), Cancellation), $"The function process {pid} is stopped.");
        Assert.AreEqual(FunctionStatus.Skipped, (await session.Monitoring).Functions.Single().Status);
    }

    [TestMethod]
    public async Task ALaunchWhoseBeforeStartFailsStopsWhatItStartedAndRunsNothing()
    {
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Sleeper.json", "sleeper-bucket", null, new Probe("sleeper", "sleeper", "[]"));
        var port = ProcessProbe.FreePort();
        var launcher = LocalLauncher(new LocalS3ServerOptions { Port = port });
        var listeningDuringStaging = false;

        var failure = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => launcher.LaunchAsync(
            new WorkflowLaunch
            {
                Graph = repository.Load(workflow),
                FunctionsRoot = repository.Root,
                BeforeStart = (_, _) =>
                {
                    listeningDuringStaging = ProcessProbe.IsListening(port);
                    throw new InvalidOperationException("staging broke");
                },
            },
            Cancellation));

        Assert.AreEqual("staging broke", failure.Message);
        Assert.IsTrue(listeningDuringStaging, "Storage is up when BeforeStart runs.");
        Assert.IsFalse(ProcessProbe.IsListening(port), "s3rver is stopped after the failed launch.");
        Assert.IsFalse(File.Exists(repository.PidFile), "No function ran.");
    }

    [TestMethod]
    public async Task TheInvocationIsDecidedBeforeStartAndObjectsStagedThenAreSeenByTheFunctions()
    {
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Reader.json", "reader-bucket", null, new Probe("reader", "reader", "[]"));
        var launcher = LocalLauncher();
        string? stagedFor = null;
        var logFolderWasEmpty = false;

        await using var session = await launcher.LaunchAsync(
            new WorkflowLaunch
            {
                Graph = repository.Load(workflow),
                FunctionsRoot = repository.Root,
                BeforeStart = async (started, token) =>
                {
                    stagedFor = started.InvocationId;
                    logFolderWasEmpty = !await started.StoreFor("S3").ListAsync(started.Folder.Prefix + "/", token).AnyAsync(token);
                    await started.StoreFor("S3").PutTextAsync($"{UserFolder}/{started.InvocationId}/input.txt", "staged before the start", token);
                },
            },
            Cancellation);
        var result = await session.Monitoring.WaitAsync(Deadline, Cancellation);

        Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
        Assert.AreEqual(session.InvocationId, stagedFor);
        Assert.AreEqual(session.InvocationId, session.Graph.Document.InvocationId, "The launched document carries the InvocationID.");
        Assert.AreEqual(session.Folder, result.Folder);
        Assert.IsTrue(logFolderWasEmpty, "Nothing ran before BeforeStart.");
        Assert.AreEqual("staged before the start", await session.StoreFor("S3").GetTextAsync($"{UserFolder}/{session.InvocationId}/copy.txt", Cancellation));
        Assert.AreEqual("local", session.Profile);
        Assert.AreEqual("local", session.StorageName);
        Assert.AreEqual("emulated", session.ComputeName);
    }

    [TestMethod]
    [DataRow("S3_AccessKey", DisplayName = "no access key")]
    [DataRow("S3_SecretKey", DisplayName = "no secret key")]
    public async Task TheCloudProfileNamesAMissingCredential(string missing)
    {
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Cloud.json", "cloud-bucket", "http://127.0.0.1:9", new Probe("writer", "writer", "[]"));
        var values = new Dictionary<string, string> { ["S3_AccessKey"] = "an-access-key", ["S3_SecretKey"] = "a-secret-key" };
        values.Remove(missing);
        var launcher = CloudLaunchers.Emulated(CloudLaunchers.Settings(values));

        var failure = await Assert.ThrowsExactlyAsync<SettingsException>(() => launcher.LaunchAsync(
            new WorkflowLaunch { Graph = repository.Load(workflow), FunctionsRoot = repository.Root }, Cancellation));

        StringAssert.Contains(failure.Message, missing);
        Assert.DoesNotContain("a-secret-key", failure.Message);
    }

    [TestMethod]
    public async Task TheCloudProfileRunsAgainstTheWorkflowsOwnEndpointWithCredentialsFromTheSettings()
    {
        var store = await SharedS3.NewBucketAsync("cloud-profile", Cancellation);
        var connection = await SharedS3.GetConnectionAsync(Cancellation);
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Cloud.json", store.Bucket, connection.ServiceUrl!.ToString(), new Probe("writer", "writer", "[]"));
        var launcher = CloudLaunchers.Emulated();

        string key;
        await using (var session = await launcher.LaunchAsync(new WorkflowLaunch { Graph = repository.Load(workflow), FunctionsRoot = repository.Root }, Cancellation))
        {
            var result = await session.Monitoring.WaitAsync(Deadline, Cancellation);
            Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
            Assert.AreEqual("cloud", session.Profile);
            Assert.AreEqual("workflow", session.StorageName);
            Assert.AreEqual("emulated", session.ComputeName);
            StringAssert.Contains(session.StorageDescription, store.Bucket);
            key = $"{UserFolder}/{session.InvocationId}/out.txt";
        }

        Assert.AreEqual("written by writer", await store.GetTextAsync(key, Cancellation), "The function wrote to the workflow's own endpoint, and the objects outlive the session.");
        StringAssert.Contains(launcher.Description, "local executor");
    }

    [TestMethod]
    public async Task ALaunchWhoseInvocationFolderAlreadyHoldsObjectsIsRefusedBeforeAnythingRuns()
    {
        var store = await SharedS3.NewBucketAsync("existing-invocation", Cancellation);
        var connection = await SharedS3.GetConnectionAsync(Cancellation);
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Again.json", store.Bucket, connection.ServiceUrl!.ToString(), new Probe("writer", "writer", "[]"));
        var graph = repository.Load(workflow);
        var fixedGraph = FaaSr.Testing.Workflows.WorkflowGraph.Build(graph.Document with { InvocationId = "already-there", InvocationTimestamp = "2026-01-01T00-00-00" });
        var folder = fixedGraph.FolderFor("2026-01-01T00-00-00", "already-there");
        await store.PutTextAsync($"{folder.Prefix}/writer.txt", "an earlier run", Cancellation);
        var launcher = CloudLaunchers.Emulated();

        var refused = await Assert.ThrowsExactlyAsync<FaaSr.Testing.Workflows.InvocationSetupException>(() => launcher.LaunchAsync(
            new WorkflowLaunch { Graph = fixedGraph, FunctionsRoot = repository.Root }, Cancellation));

        StringAssert.Contains(refused.Message, "already-there");
        Assert.IsFalse(await store.ExistsAsync($"{UserFolder}/already-there/out.txt", Cancellation), "The function never ran.");
    }

    private static WorkflowLauncher LocalLauncher(LocalS3ServerOptions? server = null) =>
        new(ProfileNames.Local, new LocalS3ServerStorage(server), new EmulatedCompute(), NoSettings());

    private static SettingSources NoSettings() => CloudLaunchers.Settings(new Dictionary<string, string>());
}

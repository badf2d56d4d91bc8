using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.MSTest;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;
using static FaaSr.Testing.Tests.Support.ProbeRepository;

namespace FaaSr.Testing.Tests.MSTest;

/// <summary>
/// What a tester leaves behind: the run record, and the run's objects removed on dispose (or kept after a failure).
/// These runs use the cloud profile (with the emulated compute) pointed at the shared s3rver, so the bucket can be
/// inspected after the tester is gone.
/// </summary>
[TestClass]
public sealed class WorkflowTesterLifecycleTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task DisposingRemovesTheLogFolderAndTheUserDataOfTheRunOnly()
    {
        using var repository = new ProbeRepository();
        var (store, workflow) = await CloudWorkflowAsync(repository, "cleanup", new Probe("writer", "writer", "[]"));
        await store.PutTextAsync("unrelated/keep.txt", "not the run's", Cancellation);
        var output = new StringWriter();

        var tester = await StartAsync(repository, workflow, new WorkflowTesterOptions { Output = output });
        await tester.WaitForAsync("writer", cancellationToken: Cancellation);
        var logFolder = tester.Folder.Prefix + "/";
        var userData = $"{UserFolder}/{tester.InvocationId}/";
        Assert.IsNotEmpty(await KeysAsync(store, logFolder), "The run wrote logs.");
        Assert.IsNotEmpty(await KeysAsync(store, userData), "The run wrote user data.");
        await tester.DisposeAsync();

        Assert.IsEmpty(await KeysAsync(store, logFolder));
        Assert.IsEmpty(await KeysAsync(store, userData));
        Assert.AreEqual("not the run's", await store.GetTextAsync("unrelated/keep.txt", Cancellation));
        StringAssert.Contains(output.ToString(), "removed");
    }

    [TestMethod]
    public async Task KeepObjectsOnFailureKeepsThemWhenAnAssertionFailed()
    {
        using var repository = new ProbeRepository();
        var (store, workflow) = await CloudWorkflowAsync(repository, "keep-assertion", new Probe("writer", "writer", "[]"));
        var output = new StringWriter();

        var tester = await StartAsync(repository, workflow, new WorkflowTesterOptions { KeepObjectsOnFailure = true, Output = output });
        await tester.WaitForAsync("writer", cancellationToken: Cancellation);
        await Assert.ThrowsExactlyAsync<AssertFailedException>(() => tester.AssertObjectExistsAsync("missing.txt", Cancellation));
        var logFolder = tester.Folder.Prefix + "/";
        await tester.DisposeAsync();

        Assert.IsNotEmpty(await KeysAsync(store, logFolder), "The log folder is kept.");
        Assert.AreEqual("written by writer", await store.GetTextAsync(tester.KeyOf("out.txt"), Cancellation));
        StringAssert.Contains(output.ToString(), "objects are kept");
    }

    [TestMethod]
    public async Task KeepObjectsOnFailureKeepsThemWhenAFunctionFailedWithoutATestExpectingIt()
    {
        using var repository = new ProbeRepository();
        var (store, workflow) = await CloudWorkflowAsync(repository, "keep-function", new Probe("failer", "failer", "[]"));

        var tester = await StartAsync(repository, workflow,
            new WorkflowTesterOptions { KeepObjectsOnFailure = true, Output = TextWriter.Null });
        var logFolder = tester.Folder.Prefix + "/";
        await tester.DisposeAsync();

        Assert.IsNotEmpty(await KeysAsync(store, logFolder));
    }

    [TestMethod]
    public async Task KeepObjectsOnFailureStillRemovesThemWhenTheFailureWasExpected()
    {
        using var repository = new ProbeRepository();
        var (store, workflow) = await CloudWorkflowAsync(repository, "keep-expected", new Probe("failer", "failer", "[]"));

        var tester = await StartAsync(repository, workflow,
            new WorkflowTesterOptions { KeepObjectsOnFailure = true, Output = TextWriter.Null });
        await tester.WaitForAsync("failer", shouldFail: true, Cancellation);
        await tester.AssertFunctionFailedAsync("failer", Cancellation);
        var logFolder = tester.Folder.Prefix + "/";
        await tester.DisposeAsync();

        Assert.IsEmpty(await KeysAsync(store, logFolder));
    }

    [TestMethod]
    public async Task AStartThatFailsAfterStagingStillRemovesTheStagedInputs()
    {
        using var repository = new ProbeRepository();
        var (store, workflow) = await CloudWorkflowAsync(repository, "failed-start", new Probe("reader", "reader", "[]"));
        var input = Path.Combine(repository.Root, "inputs", "input.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        await File.WriteAllTextAsync(input, "staged, then the start fails\n", Cancellation);
        Directory.Delete(Path.Combine(repository.Root, "functions"), recursive: true);

        var failure = await Assert.ThrowsExactlyAsync<LocalRunSetupException>(() =>
            StartAsync(repository, workflow, new WorkflowTesterOptions
            {
                Inputs = [new StagedInput("input.txt", "inputs/input.txt")],
                Output = TextWriter.Null,
            }));

        StringAssert.Contains(failure.Message, "reader");
        Assert.IsEmpty(await KeysAsync(store, $"{UserFolder}/"), "The inputs staged before the failed start are removed.");
    }

    [TestMethod]
    public async Task TheRunRecordIsWrittenUnderArtifactsRunsAndEndsFinished()
    {
        using var repository = new ProbeRepository();
        var (_, workflow) = await CloudWorkflowAsync(repository, "record", new Probe("writer", "writer", """["ranked(2)"]"""), new Probe("ranked", "ranked", "[]"));

        var tester = await StartAsync(repository, workflow, new WorkflowTesterOptions { Output = TextWriter.Null });
        await tester.WaitForAsync("ranked(2)", cancellationToken: Cancellation);
        await tester.DisposeAsync();

        var path = Path.Combine(repository.Root, "artifacts", "runs", $"{WorkflowName}-{tester.InvocationId}.json");
        Assert.AreEqual(path, tester.RunRecordPath);
        var record = await RunRecordFile.ReadAsync(path, Cancellation);
        Assert.IsNotNull(record.FinishedAt);
        Assert.AreEqual("cloud", record.Profile);
        CollectionAssert.AreEqual(new[] { "writer", "ranked(1)", "ranked(2)" }, record.Functions.Select(f => f.Name).ToArray());
        Assert.IsTrue(record.Functions.All(f => f.Status == FunctionStatus.Completed));
    }

    [TestMethod]
    public async Task InputsAreStagedAndOutputsReadThroughPresignedUrls()
    {
        using var repository = new ProbeRepository();
        var (_, workflow) = await CloudWorkflowAsync(repository, "presigned", new Probe("reader", "reader", "[]"));
        var input = Path.Combine(repository.Root, "inputs", "input.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        await File.WriteAllTextAsync(input, "staged through a pre-signed PUT\n", Cancellation);
        var downloaded = Path.Combine(repository.Root, "downloads", "copy.txt");

        await using var tester = await StartAsync(repository, workflow, new WorkflowTesterOptions
        {
            Inputs = [new StagedInput("input.txt", "inputs/input.txt")],
            Transfer = ObjectTransfer.PresignedUrls,
            Output = TextWriter.Null,
        });
        await tester.WaitForAsync("reader", cancellationToken: Cancellation);
        await tester.AssertContentEqualsAsync("copy.txt", "staged through a pre-signed PUT\n", Cancellation);
        await tester.DownloadObjectAsync("copy.txt", downloaded, Cancellation);

        Assert.AreEqual("staged through a pre-signed PUT\n", await File.ReadAllTextAsync(downloaded, Cancellation));
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(input, Cancellation),
            await tester.ReadObjectAsync("input.txt", Cancellation));
        Assert.IsNull(await tester.ReadObjectAsync("absent.txt", Cancellation));
    }

    [TestMethod]
    public async Task AFunctionPastItsDeadlineTimesOutAndWaitForSaysSo()
    {
        using var repository = new ProbeRepository();
        var (_, workflow) = await CloudWorkflowAsync(repository, "deadline", new Probe("sleeper", "sleeper", "[]"));

        await using var tester = await StartAsync(repository, workflow, new WorkflowTesterOptions
        {
            InstanceDeadlines = new Dictionary<string, StageDeadlines>
            {
                ["sleeper"] = new() { CompletedWithin = TimeSpan.FromSeconds(2) },
            },
            PollInterval = TimeSpan.FromMilliseconds(200),
            Output = TextWriter.Null,
        });
        var pid = await ProcessProbe.WaitForPidFileAsync(repository.PidFile, TimeSpan.FromSeconds(60), Cancellation);
        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.WaitForAsync("sleeper", cancellationToken: Cancellation));
        await tester.DisposeAsync();

        StringAssert.Contains(failure.Message, "ended timeout");
        StringAssert.Contains(failure.Message, "not finished within");
        Assert.IsTrue(await ProcessProbe.EventuallyAsync(() => !ProcessProbe.IsRunning(pid), TimeSpan.FromSeconds(10), Cancellation),
            "Disposing stopped the function.");
    }

    [TestMethod]
    public async Task SecretValuesNeverAppearInFailureMessages()
    {
        using var repository = new ProbeRepository();
        var (_, workflow) = await CloudWorkflowAsync(repository, "redaction", new Probe("writer", "writer", "[]"));
        const string secret = "written by";

        await using var tester = await StartAsync(repository, workflow, new WorkflowTesterOptions
        {
            FunctionEnvironment = new Dictionary<string, string> { ["PROBE_SECRET"] = secret },
            Output = TextWriter.Null,
        });
        await tester.WaitForAsync("writer", cancellationToken: Cancellation);
        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(() =>
            tester.AssertContentEqualsAsync("out.txt", "something else", Cancellation));

        Assert.DoesNotContain(secret, failure.Message);
        StringAssert.Contains(failure.Message, "Found:    \"*** writer\"");
    }

    private async Task<WorkflowTester> StartAsync(ProbeRepository repository, string workflow, WorkflowTesterOptions options) =>
        await WorkflowTester.StartAsync(
            workflow,
            options with { RepositoryRoot = repository.Root, UserDataFolder = UserFolder, Profile = "cloud", Compute = "emulated" },
            Cancellation);

    /// <summary>A fresh bucket on the shared s3rver, a workflow whose store is there, and a .env with s3rver's keys.</summary>
    private async Task<(IObjectStore Store, string Workflow)> CloudWorkflowAsync(ProbeRepository repository, string hint,
        params Probe[] actions)
    {
        var store = await SharedS3.NewBucketAsync(hint, Cancellation);
        var connection = await SharedS3.GetConnectionAsync(Cancellation);
        repository.WriteEnvFile($"S3_AccessKey={LocalS3Server.AccessKey}\nS3_SecretKey={LocalS3Server.SecretKey}\n");
        return (store, repository.WriteWorkflow($"{hint}.json", store.Bucket, connection.ServiceUrl!.ToString(), actions));
    }

    private async Task<List<string>> KeysAsync(IObjectStore store, string prefix)
    {
        var keys = new List<string>();
        await foreach (var stored in store.ListAsync(prefix, Cancellation))
        {
            keys.Add(stored.Key);
        }

        return keys;
    }
}

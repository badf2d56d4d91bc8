using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Tests.Support;
using static FaaSr.Testing.Tests.Support.ProbeRepository;

namespace FaaSr.Testing.Tests.Sessions;

[TestClass]
public sealed class RunRecordPublisherTests(TestContext testContext)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task TheRecordShowsTheRunWhileItGoesAndItsResultAtTheEnd()
    {
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Sleeper.json", "record-bucket", null, new Probe("writer", "writer", """["sleeper"]"""), new Probe("sleeper", "sleeper", "[]"));
        var launcher = new WorkflowLauncher(ProfileNames.Local, new LocalS3ServerStorage(), new EmulatedCompute(), new SettingSources(new Dictionary<string, string>(), null, _ => null));
        var path = Path.Combine(repository.Root, "artifacts", "runs", "sleeper.json");
        RunRecordPublisher? publisher = null;

        await using var session = await launcher.LaunchAsync(
            new WorkflowLaunch
            {
                Graph = repository.Load(workflow),
                FunctionsRoot = repository.Root,
                Monitor = new MonitorOptions { PollInterval = TimeSpan.FromMilliseconds(200) },
                BeforeStart = (started, _) =>
                {
                    publisher = RunRecordPublisher.Start(started, path);
                    return Task.CompletedTask;
                },
            },
            Cancellation);
        await using (publisher)
        {
            await ProcessProbe.WaitForPidFileAsync(repository.PidFile, Deadline, Cancellation);
            var running = await WaitForRecordAsync(path, r => r.Functions.Any(f => f.Name == "sleeper" && f.Status == FunctionStatus.Running));
            Assert.IsNull(running.FinishedAt, "A run still watched has no finish time.");
            Assert.AreEqual(FunctionStatus.Completed, running.Functions.Single(f => f.Name == "writer").Status);
            Assert.AreEqual(session.InvocationId, running.InvocationId);

            await session.StopAsync();
            await publisher!.Completion.WaitAsync(Deadline, Cancellation);
        }

        var final = await RunRecordFile.ReadAsync(path, Cancellation);
        Assert.IsNotNull(final.FinishedAt, "The last record is the monitor's result.");
        Assert.AreEqual(FunctionStatus.Skipped, final.Functions.Single(f => f.Name == "sleeper").Status);
        Assert.AreEqual("local", final.Profile);
        Assert.AreEqual(session.Folder.Prefix, final.InvocationFolder);
    }

    private async Task<RunRecord> WaitForRecordAsync(string path, Func<RunRecord, bool> condition)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        RunRecord? last = null;
        while (stopwatch.Elapsed < Deadline)
        {
            if (File.Exists(path))
            {
                last = await RunRecordFile.ReadAsync(path, Cancellation);
                if (condition(last))
                {
                    return last;
                }
            }

            await Task.Delay(50, Cancellation);
        }

        Assert.Fail($"The record {path} never reached the expected state; last: {string.Join(", ", last?.Functions.Select(f => $"{f.Name} {f.Status.WireName}") ?? [])}.");
        return last!;
    }
}

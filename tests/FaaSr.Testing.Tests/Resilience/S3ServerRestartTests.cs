using System.Diagnostics;
using System.Globalization;
using FaaSr.Testing.Local;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// The S3 server dies mid-run (issue 15 item 8): killed with SIGKILL while IntegrationTestWorkflow's functions run, then
/// started again on the same port and data folder, the run rides it out with every status right; left dead, the run
/// ends soon with an error naming the S3 request and endpoint, never a hang until the timeout.
/// </summary>
[TestClass]
public sealed class S3ServerRestartTests(TestContext testContext)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Well within the retry budget for refused connections (RetrySettings.Default.UnreachableBudget, 5 s).</summary>
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(1);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task AServerKilledAndRestartedMidRunIsRiddenOutWithEveryStatusRight()
    {
        using var data = new TemporaryDataFolder();
        var options = new LocalS3ServerOptions { Port = ProcessProbe.FreePort(), DataDirectory = data.Path };
        var first = await LocalS3Server.StartAsync(options, Cancellation);
        LocalS3Server? second = null;
        var down = TimeSpan.Zero;
        try
        {
            var runs = new ProjectWorkflowRuns(first.Connection.ServiceUrl!);
            var outcome = await runs.RunAsync(ProjectWorkflowRuns.IntegrationTestWorkflow, null, RunTimeout, Cancellation, async session =>
            {
                await WhenAFunctionRunsAsync(session);
                var killedAt = Stopwatch.GetTimestamp();
                await KillAsync(first);
                await Task.Delay(Downtime, Cancellation);
                second = await LocalS3Server.StartAsync(options, Cancellation);
                down = Stopwatch.GetElapsedTime(killedAt);
            });

            testContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"s3rver down for {down.TotalSeconds:F1} s mid-run; the run took {outcome.Elapsed.TotalSeconds:F1} s: {outcome.Message}"));
            Assert.IsFalse(outcome.TimedOut, outcome.Message);
            var wrong = outcome.Statuses.Where(s => !s.Value.HasCompleted).Select(s => $"{s.Key}: {s.Value.WireName} ({outcome.Reasons[s.Key]})").ToList();
            Assert.IsEmpty(wrong, "Instances that did not ride out the restart:\n" + string.Join("\n", wrong));
            Assert.HasCount(14, outcome.Statuses);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    [TestMethod]
    public async Task AServerKilledForGoodEndsTheRunSoonWithAnErrorNamingTheEndpoint()
    {
        using var data = new TemporaryDataFolder();
        var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions { DataDirectory = data.Path }, Cancellation);
        var killedAt = 0L;
        var monitorFailedAfter = TimeSpan.Zero;
        try
        {
            var runs = new ProjectWorkflowRuns(server.Connection.ServiceUrl!);
            var started = Stopwatch.GetTimestamp();
            var failure = await Assert.ThrowsAsync<ObjectStoreException>(() => runs.RunAsync(ProjectWorkflowRuns.IntegrationTestWorkflow, null, RunTimeout, Cancellation, async session =>
            {
                await WhenAFunctionRunsAsync(session);
                killedAt = Stopwatch.GetTimestamp();
                await KillAsync(server);
                try
                {
                    await session.Monitoring;
                }
                catch (ObjectStoreException)
                {
                    monitorFailedAfter = Stopwatch.GetElapsedTime(killedAt);
                }
            }));

            var afterKill = Stopwatch.GetElapsedTime(killedAt);
            testContext.WriteLine($"monitor failed {monitorFailedAfter.TotalSeconds:F1} s after the kill");
            testContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"s3rver killed for good: the run ended {afterKill.TotalSeconds:F1} s later ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s in all): {failure.Message}"));
            StringAssert.Contains(failure.Message, server.Connection.ServiceUrl!.ToString());
            StringAssert.Contains(failure.Message, "Connection refused");
            Assert.IsLessThan(20, afterKill.TotalSeconds, "The run ends soon after S3 is gone, not at its timeout.");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private async Task WhenAFunctionRunsAsync(IWorkflowSession session)
    {
        while (!session.Monitor.Snapshot().Any(f => f.Status is FunctionStatus.Running or FunctionStatus.Completed))
        {
            await Task.Delay(50, Cancellation);
        }
    }

    private static async Task KillAsync(LocalS3Server server)
    {
        using var node = Process.GetProcessById(server.ProcessId);
        node.Kill();
        await node.WaitForExitAsync();
    }

    private sealed class TemporaryDataFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("faasr-it-s3-restart-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

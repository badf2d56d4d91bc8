using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;
using static FaaSr.Testing.Tests.Support.ProbeRepository;

namespace FaaSr.Testing.Tests.Sessions;

/// <summary>Runs that ask for one InvocationID (red-team finding F3): at most one starts, and a refused one removes nothing of the other's.</summary>
[TestClass]
public sealed class InvocationReservationTests(TestContext testContext)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task OfLaunchesRacingForOneInvocationIdAtMostOneStartsAndNoneRemovesTheOthersObjects()
    {
        var store = await SharedS3.NewBucketAsync("same-id", Cancellation);
        var connection = await SharedS3.GetConnectionAsync(Cancellation);
        using var repository = new ProbeRepository();
        var workflow = repository.WriteWorkflow("Same.json", store.Bucket, connection.ServiceUrl!.ToString(), new Probe("writer", "writer", "[]"));
        var graph = repository.Load(workflow);

        for (var trial = 0; trial < 3; trial++)
        {
            var forced = WorkflowGraph.Build(graph.Document with { InvocationId = $"forced-{trial}", InvocationTimestamp = "2026-01-01T00-00-00" });
            var launches = Enumerable.Range(0, 3).Select(_ => Task.Run(() => CloudLaunchers.Emulated().LaunchAsync(
                new WorkflowLaunch
                {
                    Graph = forced,
                    FunctionsRoot = repository.Root,
                    AfterFailedStart = async started =>
                    {
                        // What a tester does after a failed start: remove the run's objects. It must not run for a refused launch.
                        await foreach (var entry in started.StoreFor("S3").ListAsync(started.Folder.Prefix + "/", CancellationToken.None))
                        {
                            await started.StoreFor("S3").DeleteAsync(entry.Key, CancellationToken.None);
                        }
                    },
                },
                Cancellation))).ToArray();
            await Task.WhenAll(launches.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));

            var started = launches.Where(l => l.IsCompletedSuccessfully).Select(l => l.Result).ToArray();
            var refused = launches.Where(l => l.IsFaulted).Select(l => l.Exception!.InnerException!).ToArray();
            Assert.IsLessThanOrEqualTo(1, started.Length, $"trial {trial}: {started.Length} launches with one InvocationID started");
            Assert.HasCount(launches.Length - started.Length, refused);
            Assert.IsTrue(refused.All(e => e is InvocationSetupException), string.Join("\n", refused.Select(e => e.ToString())));
            foreach (var session in started)
            {
                await using (session)
                {
                    var result = await session.Monitoring.WaitAsync(Deadline, Cancellation);
                    Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
                }

                Assert.AreEqual("written by writer", await store.GetTextAsync($"{UserFolder}/{session.InvocationId}/out.txt", Cancellation), "the refused launches removed nothing");
                Assert.IsTrue(await store.ListAsync(session.Folder.Prefix + "/", Cancellation).AnyAsync(Cancellation), "the started run's log folder is intact");
            }

            Assert.IsFalse(
                await store.ListAsync(InvocationReservation.PrefixFor(forced.FolderFor("2026-01-01T00-00-00", $"forced-{trial}")), Cancellation).AnyAsync(Cancellation),
                "every reservation marker is removed");
        }
    }

    [TestMethod]
    public async Task ALaunchIsRefusedWhileAnotherRunHoldsTheIdAndItsMessageNamesTheMarker()
    {
        var store = await SharedS3.NewBucketAsync("held-id", Cancellation);
        var folder = new InvocationFolder("FaaSrLog", "Held", "2026-01-01T00-00-00", "held");
        await using var first = await InvocationReservation.AcquireAsync(store, folder, TimeProvider.System, Cancellation);

        var refused = await Assert.ThrowsExactlyAsync<InvocationSetupException>(() => InvocationReservation.AcquireAsync(store, folder, TimeProvider.System, Cancellation));

        StringAssert.Contains(refused.Message, "InvocationID held is in use by another run");
        StringAssert.Contains(refused.Message, first.Key);
        Assert.HasCount(1, await store.ListAsync(InvocationReservation.PrefixFor(folder), Cancellation).ToListAsync(Cancellation), "the refused one left no marker");
    }

    [TestMethod]
    public async Task AMarkerOlderThanTheLeaseNoLongerCounts()
    {
        var store = await SharedS3.NewBucketAsync("stale-id", Cancellation);
        var folder = new InvocationFolder("FaaSrLog", "Stale", "2026-01-01T00-00-00", "stale");
        await store.PutTextAsync(InvocationReservation.PrefixFor(folder) + "left-by-a-killed-run", "{}", Cancellation);
        var later = new ShiftedTime(InvocationReservation.Lease + TimeSpan.FromMinutes(1));

        await using var reservation = await InvocationReservation.AcquireAsync(store, folder, later, Cancellation);

        StringAssert.StartsWith(reservation.Key, InvocationReservation.PrefixFor(folder));
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}

using System.Diagnostics;
using FaaSr.Testing.Local;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Storage;

[TestClass]
public sealed class LocalS3ServerTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task StartsOnAFreeLoopbackPortAndServesBuckets()
    {
        await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), Cancellation);

        await server.CreateBucketsAsync(["alpha", "beta"], Cancellation);
        var store = server.OpenStore("alpha");
        await store.PutTextAsync("k", "v", Cancellation);

        Assert.AreEqual("127.0.0.1", server.Connection.ServiceUrl!.Host);
        Assert.AreEqual(server.Port, server.Connection.ServiceUrl.Port);
        Assert.IsGreaterThan(0, server.Port);
        Assert.AreEqual("S3RVER", server.Connection.AccessKey);
        Assert.AreEqual("v", await store.GetTextAsync("k", Cancellation));
        Assert.IsTrue(Directory.Exists(Path.Combine(server.DataDirectory, "beta")), "s3rver keeps each bucket as a folder.");
    }

    [TestMethod]
    public async Task TwoServersRunSideBySideWithSeparateData()
    {
        await using var first = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), Cancellation);
        await using var second = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), Cancellation);
        await first.CreateBucketsAsync(["same-name"], Cancellation);
        await second.CreateBucketsAsync(["same-name"], Cancellation);

        await first.OpenStore("same-name").PutTextAsync("k", "first", Cancellation);
        await second.OpenStore("same-name").PutTextAsync("k", "second", Cancellation);

        Assert.AreNotEqual(first.Port, second.Port);
        Assert.AreNotEqual(first.DataDirectory, second.DataDirectory);
        Assert.AreEqual("first", await first.OpenStore("same-name").GetTextAsync("k", Cancellation));
        Assert.AreEqual("second", await second.OpenStore("same-name").GetTextAsync("k", Cancellation));
    }

    [TestMethod]
    public async Task DisposeStopsTheProcessAndRemovesItsDataDirectory()
    {
        var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), Cancellation);
        var processId = server.ProcessId;
        var dataDirectory = server.DataDirectory;
        Assert.IsTrue(IsRunning(processId), "The node process should be running after start.");

        await server.DisposeAsync();

        Assert.IsFalse(IsRunning(processId), $"Process {processId} is still running after dispose.");
        Assert.IsFalse(Directory.Exists(dataDirectory), $"'{dataDirectory}' still exists after dispose.");
        await server.DisposeAsync();
    }

    [TestMethod]
    public async Task AKeptOrGivenDataDirectorySurvivesDisposeWithItsObjects()
    {
        var given = Directory.CreateTempSubdirectory("faasr-it-test-s3data-").FullName;
        try
        {
            await using (var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions { DataDirectory = given }, Cancellation))
            {
                await server.CreateBucketsAsync(["kept"], Cancellation);
                await server.OpenStore("kept").PutTextAsync("k", "persisted", Cancellation);
            }

            Assert.IsTrue(Directory.Exists(given), "A data directory given by the caller must not be deleted.");
            await using var restarted = await LocalS3Server.StartAsync(new LocalS3ServerOptions { DataDirectory = given }, Cancellation);
            Assert.AreEqual("persisted", await restarted.OpenStore("kept").GetTextAsync("k", Cancellation));
        }
        finally
        {
            Directory.Delete(given, recursive: true);
        }
    }

    [TestMethod]
    public async Task KeepDataDirectoryKeepsTheFreshTemporaryFolder()
    {
        string dataDirectory;
        await using (var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions { KeepDataDirectory = true }, Cancellation))
        {
            dataDirectory = server.DataDirectory;
        }

        try
        {
            Assert.IsTrue(Directory.Exists(dataDirectory));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [TestMethod]
    public async Task APortAlreadyInUseFailsWithNodesErrorInTheMessage()
    {
        await using var holder = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<LocalS3ServerException>(
            () => LocalS3Server.StartAsync(new LocalS3ServerOptions { Port = holder.Port }, Cancellation));

        StringAssert.Contains(failure.Message, "EADDRINUSE");
        StringAssert.Contains(failure.Message, "exited with code");
    }

    [TestMethod]
    public async Task AMissingS3rverScriptIsReportedWithThePathAndTheFix()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-s3rver", "bin", "s3rver.js");

        var failure = await Assert.ThrowsExactlyAsync<LocalS3ServerException>(
            () => LocalS3Server.StartAsync(new LocalS3ServerOptions { S3rverPath = missing }, Cancellation));

        StringAssert.Contains(failure.Message, missing);
    }

    [TestMethod]
    public async Task ANodeThatIsNotNodeFailsWithItsOutput()
    {
        // /bin/false exits at once with code 1: the start must fail fast and say so, not wait for the deadline.
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsExactlyAsync<LocalS3ServerException>(
            () => LocalS3Server.StartAsync(new LocalS3ServerOptions { NodePath = "/bin/false" }, Cancellation));

        StringAssert.Contains(failure.Message, "exited with code 1");
        Assert.IsLessThan(TimeSpan.FromSeconds(10), clock.Elapsed);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Storage.Faults;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Storage;

[TestClass]
public sealed class S3ObjectStoreRetryTests(TestContext testContext)
{
    private const string Secret = "retry-test-secret-value";

    private static readonly RetrySettings QuickRetries =
        new(MaxAttempts: 4, BaseDelay: TimeSpan.FromMilliseconds(10), MaxDelay: TimeSpan.FromMilliseconds(50), UseJitter: true);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow(ProxyFault.SlowDown)]
    [DataRow(ProxyFault.InternalError)]
    [DataRow(ProxyFault.ResetConnection)]
    [DataRow(ProxyFault.TornETag)]
    [DataRow(ProxyFault.StaleETag)]
    [DataRow(ProxyFault.ResetAfterForwarding)]
    [DataRow(ProxyFault.TruncatedBody)]
    public async Task ATransientFaultIsRetriedAndTheReadSucceeds(ProxyFault fault)
    {
        var shared = await SharedS3.NewBucketAsync("retry-read", Cancellation);
        await shared.PutTextAsync("k", "value", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), fault, fault);
        using var store = StoreBehind(proxy, shared.Bucket);

        var text = await store.GetTextAsync("k", Cancellation);

        Assert.AreEqual("value", text);
        Assert.AreEqual(3, proxy.RequestCount, "Two faulted attempts, then the one that succeeded.");
    }

    /// <summary>
    /// A 404 whose error body is cut short cannot be parsed; it is retried until the whole answer says "absent"
    /// (found by the --s3-faults soak: a fan-in gate's first read of its candidate file failed the instance).
    /// </summary>
    [TestMethod]
    public async Task AMissingObjectWhoseErrorBodyIsTruncatedIsRetriedAndReadsAsAbsent()
    {
        var shared = await SharedS3.NewBucketAsync("retry-absent", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), ProxyFault.TruncatedBody, ProxyFault.TruncatedBody);
        using var store = StoreBehind(proxy, shared.Bucket);

        var bytes = await store.GetAsync("never-written", Cancellation);

        Assert.IsNull(bytes);
        Assert.AreEqual(3, proxy.RequestCount, "Two truncated 404s, then the whole one.");
        Assert.AreEqual(2, proxy.CountOf(ProxyFault.TruncatedBody));
    }

    [TestMethod]
    public async Task AFaultRateOutsideZeroToNinetyPercentIsRefused()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            FaultInjectingProxy.Start(new Uri("http://127.0.0.1:1/"), new RandomFaults(0.95, 1)));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            FaultInjectingProxy.Start(new Uri("http://127.0.0.1:1/"), new RandomFaults(double.NaN, 1)));
        await using var none = FaultInjectingProxy.Start(await UpstreamAsync(), new RandomFaults(0, 1));
        StringAssert.StartsWith(none.Summary(), "0 requests, none faulted");
    }

    [TestMethod]
    public async Task AtARateTheProxyFaultsAboutThatShareOfRequestsAndTheSameSeedFaultsTheSameOnes()
    {
        var shared = await SharedS3.NewBucketAsync("retry-rate", Cancellation);
        await shared.PutTextAsync("k", "v", Cancellation);
        var faulted = new List<int>();
        for (var trial = 0; trial < 2; trial++)
        {
            await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), new RandomFaults(0.3, 42));
            using var store = new S3ObjectStore(ProxyConnection(proxy), shared.Bucket,
                new S3ObjectStoreOptions { Retry = RetrySettings.None });
            for (var i = 0; i < 200; i++)
            {
                try
                {
                    await store.GetTextAsync("k", Cancellation);
                }
                catch (ObjectStoreException)
                {
                    // A faulted request, not retried here.
                }
            }

            faulted.Add(proxy.FaultCount);
            Assert.IsGreaterThanOrEqualTo(200, proxy.RequestCount, "The SDK's own reconnects may add requests.");
            var share = (double)proxy.FaultCount / proxy.RequestCount;
            Assert.IsTrue(share is > 0.18 and < 0.42, proxy.Summary());
            Assert.IsTrue(proxy.CountOf(ProxyFault.SlowDown) > proxy.CountOf(ProxyFault.ResetConnection), proxy.Summary());
        }

        Assert.AreEqual(faulted[0], faulted[1], "The same seed gives the same faults.");
    }

    [TestMethod]
    public async Task ATransientFaultOnAnUploadIsRetriedWithTheWholeBody()
    {
        var shared = await SharedS3.NewBucketAsync("retry-put", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), ProxyFault.SlowDown);
        using var store = StoreBehind(proxy, shared.Bucket);
        var content = new byte[100_000];
        new Random(7).NextBytes(content);

        await store.PutAsync("uploaded", content, Cancellation);

        CollectionAssert.AreEqual(content, await shared.GetAsync("uploaded", Cancellation));
        Assert.AreEqual(2, proxy.RequestCount);
    }

    [TestMethod]
    public async Task ARequestThatTimesOutIsRetried()
    {
        var shared = await SharedS3.NewBucketAsync("retry-timeout", Cancellation);
        await shared.PutTextAsync("k", "late but right", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), ProxyFault.NoAnswer);
        using var store = StoreBehind(proxy, shared.Bucket, TimeSpan.FromMilliseconds(500));

        Assert.AreEqual("late but right", await store.GetTextAsync("k", Cancellation));
        Assert.AreEqual(2, proxy.RequestCount);
    }

    [TestMethod]
    public async Task AListingRetriesTheFaultedPageOnly()
    {
        var shared = await SharedS3.NewBucketAsync("retry-list", Cancellation);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await shared.PutTextAsync(key, key, Cancellation);
        }

        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), ProxyFault.SlowDown);
        using var store = StoreBehind(proxy, shared.Bucket, listPageSize: 2);

        var keys = new List<string>();
        await foreach (var item in store.ListAsync(string.Empty, Cancellation))
        {
            keys.Add(item.Key);
        }

        CollectionAssert.AreEqual(new[] { "a", "b", "c" }, keys);
        Assert.AreEqual(3, proxy.RequestCount, "One faulted page request, then two pages.");
    }

    [TestMethod]
    public async Task AnAbsentKeyIsAnsweredAfterExactlyOneAttempt()
    {
        var shared = await SharedS3.NewBucketAsync("retry-absent", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync());
        using var store = StoreBehind(proxy, shared.Bucket);

        Assert.IsNull(await store.GetAsync("missing", Cancellation));
        Assert.AreEqual(1, proxy.RequestCount);
        Assert.IsFalse(await store.ExistsAsync("missing", Cancellation));
        Assert.AreEqual(2, proxy.RequestCount);
        Assert.IsNull(await store.GetFromAsync("missing", 10, Cancellation));
        Assert.AreEqual(3, proxy.RequestCount);
    }

    [TestMethod]
    public async Task PersistentFaultsThrowAfterTheConfiguredAttemptsNamingBucketAndKey()
    {
        var shared = await SharedS3.NewBucketAsync("retry-gives-up", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(
            await UpstreamAsync(), ProxyFault.SlowDown, ProxyFault.SlowDown, ProxyFault.SlowDown, ProxyFault.SlowDown);
        using var store = StoreBehind(proxy, shared.Bucket);

        var failure = await Assert.ThrowsExactlyAsync<ObjectStoreException>(() => store.GetAsync("wanted/key", Cancellation));

        Assert.AreEqual(4, proxy.RequestCount);
        Assert.AreEqual(4, failure.Attempts);
        Assert.AreEqual("GetObject", failure.Operation);
        Assert.AreEqual(shared.Bucket, failure.Bucket);
        Assert.AreEqual("wanted/key", failure.Key);
        StringAssert.Contains(failure.Message, "'wanted/key'");
        StringAssert.Contains(failure.Message, shared.Bucket);
        StringAssert.Contains(failure.Message, "SlowDown");
    }

    [TestMethod]
    public async Task ABurstOfSlowDownsLongerThanFourQuickAttemptsIsRiddenOutByTheDefaultRetries()
    {
        var shared = await SharedS3.NewBucketAsync("retry-burst", Cancellation);
        await shared.PutTextAsync("k", "after the burst", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(),
            Enumerable.Repeat(ProxyFault.SlowDown, 5).Append(ProxyFault.ResetConnection).ToArray());
        using var store = new S3ObjectStore(ProxyConnection(proxy), shared.Bucket, new S3ObjectStoreOptions());

        Assert.AreEqual("after the burst", await store.GetTextAsync("k", Cancellation));
        Assert.AreEqual(7, proxy.RequestCount, "six faulted attempts, then the one that succeeded");
    }

    [TestMethod]
    public async Task RetriesStopWhenTheirTimeBudgetIsSpent()
    {
        var shared = await SharedS3.NewBucketAsync("retry-budget", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), Enumerable.Repeat(ProxyFault.SlowDown, 1000).ToArray());
        var budgeted = new RetrySettings(
            MaxAttempts: 1000, BaseDelay: TimeSpan.FromMilliseconds(50), MaxDelay: TimeSpan.FromMilliseconds(200), UseJitter: false)
        {
            Budget = TimeSpan.FromSeconds(1),
        };
        using var store = new S3ObjectStore(ProxyConnection(proxy), shared.Bucket, new S3ObjectStoreOptions { Retry = budgeted });
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsExactlyAsync<ObjectStoreException>(() => store.GetTextAsync("k", Cancellation));

        Assert.IsLessThan(50, failure.Attempts, "the budget, not the attempt count, stopped the retries");
        Assert.IsLessThan(TimeSpan.FromSeconds(30), clock.Elapsed);
        StringAssert.Contains(failure.Message, "503");
    }

    [TestMethod]
    public async Task AClosedPortThrowsAfterEveryAttemptFailsWithoutLeakingTheSecret()
    {
        var connection = new S3Connection(new Uri($"http://127.0.0.1:{UnusedPort()}"), "us-east-1", "S3RVER", Secret);
        using var store = new S3ObjectStore(connection, "bucket", new S3ObjectStoreOptions { Retry = QuickRetries });

        var failure = await Assert.ThrowsExactlyAsync<ObjectStoreException>(() => store.PutTextAsync("k", "v", Cancellation));

        Assert.AreEqual(4, failure.Attempts);
        Assert.AreEqual("PutObject", failure.Operation);
        StringAssert.Contains(failure.Message, "after 4 attempt(s)");
        Assert.DoesNotContain(Secret, failure.ToString());
        Assert.DoesNotContain(Secret, store.ToString());
    }

    [TestMethod]
    public async Task WithoutRetriesTheFirstFaultIsThrown()
    {
        var shared = await SharedS3.NewBucketAsync("retry-none", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), ProxyFault.SlowDown);
        using var store = new S3ObjectStore(
            ProxyConnection(proxy), shared.Bucket, new S3ObjectStoreOptions { Retry = RetrySettings.None });

        var failure = await Assert.ThrowsExactlyAsync<ObjectStoreException>(() => store.ExistsAsync("k", Cancellation));

        Assert.AreEqual(1, failure.Attempts);
        Assert.AreEqual(1, proxy.RequestCount);
    }

    [TestMethod]
    public async Task BackoffWaitsBetweenAttempts()
    {
        var shared = await SharedS3.NewBucketAsync("retry-backoff", Cancellation);
        await shared.PutTextAsync("k", "v", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), ProxyFault.SlowDown, ProxyFault.SlowDown);
        var slowRetries = new RetrySettings(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), UseJitter: false);
        using var store = new S3ObjectStore(ProxyConnection(proxy), shared.Bucket, new S3ObjectStoreOptions { Retry = slowRetries });

        var clock = Stopwatch.StartNew();
        await store.GetAsync("k", Cancellation);

        // 200 ms, then 400 ms without jitter.
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550), clock.Elapsed);
    }

    [TestMethod]
    public async Task CancellationStopsRetryingAndIsNotWrapped()
    {
        var shared = await SharedS3.NewBucketAsync("retry-cancel", Cancellation);
        await using var proxy = FaultInjectingProxy.Start(await UpstreamAsync(), ProxyFault.NoAnswer);
        using var store = StoreBehind(proxy, shared.Bucket);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<OperationCanceledException>(() => store.GetAsync("k", cancel.Token));
        Assert.AreEqual(1, proxy.RequestCount);
    }

    [TestMethod]
    public void InvalidRetrySettingsAreRejected()
    {
        var connection = new S3Connection(new Uri("http://127.0.0.1:1"), "us-east-1", null, null);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new S3ObjectStore(connection, "b", new S3ObjectStoreOptions { Retry = RetrySettings.Default with { MaxAttempts = 0 } }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new S3ObjectStore(connection, "b", new S3ObjectStoreOptions { ListPageSize = 1001 }));
    }

    private static async Task<Uri> UpstreamAsync() =>
        (await SharedS3.GetConnectionAsync(CancellationToken.None)).ServiceUrl!;

    private static S3Connection ProxyConnection(FaultInjectingProxy proxy) =>
        new(proxy.Url, "us-east-1", "S3RVER", "S3RVER");

    private static S3ObjectStore StoreBehind(
        FaultInjectingProxy proxy, string bucket, TimeSpan? requestTimeout = null, int listPageSize = 1000) =>
        new(ProxyConnection(proxy), bucket, new S3ObjectStoreOptions
        {
            Retry = QuickRetries,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            ListPageSize = listPageSize,
        });

    private static int UnusedPort()
    {
        // Bind and release: nothing listens there afterwards, so connections are refused.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

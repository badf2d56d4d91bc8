using System.Text;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Storage;

[TestClass]
public sealed class InMemoryObjectStoreTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task ListingGivesTheObjectsUnderThePrefixInKeyOrderWithSizesAndETags()
    {
        var store = new InMemoryObjectStore("bucket");
        await store.PutTextAsync("logs/b.txt", "bb", Cancellation);
        await store.PutTextAsync("logs/a.txt", "a", Cancellation);
        await store.PutTextAsync("other/c.txt", "ccc", Cancellation);

        var listing = await store.ListAsync("logs/", Cancellation).ToListAsync(Cancellation);

        CollectionAssert.AreEqual(new[] { "logs/a.txt", "logs/b.txt" }, listing.Select(o => o.Key).ToArray());
        CollectionAssert.AreEqual(new long[] { 1, 2 }, listing.Select(o => o.Size).ToArray());
        Assert.AreEqual("\"0cc175b9c0f1b6a831c399e269772661\"", listing[0].ETag, "The quoted MD5 of the content, as S3 gives.");
    }

    [TestMethod]
    public async Task ARewriteChangesTheETagAndTheTimeFromTheClock()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var store = new InMemoryObjectStore("bucket", clock);
        await store.PutTextAsync("k", "one", Cancellation);
        var first = await store.ListAsync("", Cancellation).SingleAsync(Cancellation);
        clock.Now += TimeSpan.FromSeconds(3);
        await store.PutTextAsync("k", "two", Cancellation);
        var second = await store.ListAsync("", Cancellation).SingleAsync(Cancellation);

        Assert.AreEqual(clock.Now - TimeSpan.FromSeconds(3), first.LastModified);
        Assert.AreEqual(clock.Now, second.LastModified);
        Assert.AreNotEqual(first.ETag, second.ETag);
    }

    [TestMethod]
    public async Task RangedReadsAbsentObjectsAndDeletesAnswerAsS3Does()
    {
        var store = new InMemoryObjectStore("bucket");
        await store.PutAsync("k", Encoding.UTF8.GetBytes("hello"), Cancellation);

        Assert.AreEqual("llo", Encoding.UTF8.GetString((await store.GetFromAsync("k", 2, Cancellation))!));
        CollectionAssert.AreEqual(Array.Empty<byte>(), await store.GetFromAsync("k", 5, Cancellation), "Nothing at or after the end.");
        Assert.IsNull(await store.GetAsync("absent", Cancellation));
        Assert.IsNull(await store.GetFromAsync("absent", 3, Cancellation));
        Assert.IsTrue(await store.ExistsAsync("k", Cancellation));

        await store.DeleteAsync("k", Cancellation);
        await store.DeleteAsync("k", Cancellation);

        Assert.IsFalse(await store.ExistsAsync("k", Cancellation));
        Assert.AreEqual(0, store.Count);
    }

    [TestMethod]
    public async Task ContentIsCopiedSoTheCallersBufferCanChange()
    {
        var store = new InMemoryObjectStore("bucket");
        var buffer = Encoding.UTF8.GetBytes("abc");
        await store.PutAsync("k", buffer, Cancellation);
        buffer[0] = (byte)'X';
        var read = (await store.GetAsync("k", Cancellation))!;
        read[1] = (byte)'Y';

        Assert.AreEqual("abc", await store.GetTextAsync("k", Cancellation));
    }

    [TestMethod]
    public void PreSigningSaysWhatToUseInstead()
    {
        var store = new InMemoryObjectStore("bucket");

        var exception = Assert.ThrowsExactly<NotSupportedException>(() => store.PresignGet("k", TimeSpan.FromMinutes(1)));
        StringAssert.Contains(exception.Message, "local S3 server");
    }

    [TestMethod]
    public async Task ACountingDecoratorSeesEveryCallAndPassesItOn()
    {
        var store = new RequestCountingObjectStore(new InMemoryObjectStore("bucket"));
        await store.PutTextAsync("k", "v", Cancellation);
        await store.GetFromAsync("k", 1, Cancellation);
        await store.ListAsync("", Cancellation).ToListAsync(Cancellation);

        Assert.AreEqual("bucket", store.Bucket);
        Assert.AreEqual(1, store.Count(ObjectStoreOperation.Put, "k"));
        Assert.AreEqual(1L, store.Requests.Single(r => r.Operation == ObjectStoreOperation.Get).Offset);
        Assert.AreEqual(1, store.Count(ObjectStoreOperation.List));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

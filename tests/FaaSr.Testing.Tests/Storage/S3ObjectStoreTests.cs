using System.Net;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Storage;

[TestClass]
public sealed class S3ObjectStoreTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task PutThenGetReturnsTheSameBytes()
    {
        var store = await SharedS3.NewBucketAsync("roundtrip", Cancellation);
        byte[] content = [0, 1, 2, 255, 254, 13, 10, 0x42];

        await store.PutAsync("folder/item.bin", content, Cancellation);

        CollectionAssert.AreEqual(content, await store.GetAsync("folder/item.bin", Cancellation));
    }

    [TestMethod]
    public async Task ASixMebibyteObjectRoundTripsByteExact()
    {
        var store = await SharedS3.NewBucketAsync("large", Cancellation);
        var content = new byte[6 * 1024 * 1024];
        new Random(20261121).NextBytes(content);

        await store.PutAsync("large.bin", content, Cancellation);
        var read = await store.GetAsync("large.bin", Cancellation);

        Assert.IsNotNull(read);
        Assert.HasCount(content.Length, read);
        Assert.IsTrue(content.AsSpan().SequenceEqual(read), "The stored bytes differ from the uploaded ones.");
    }

    [TestMethod]
    public async Task PuttingASliceStoresOnlyThatSlice()
    {
        var store = await SharedS3.NewBucketAsync("slice", Cancellation);
        byte[] backing = [9, 9, 1, 2, 3, 9];

        await store.PutAsync("slice", backing.AsMemory(2, 3), Cancellation);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, await store.GetAsync("slice", Cancellation));
    }

    [TestMethod]
    public async Task AnEmptyObjectRoundTrips()
    {
        var store = await SharedS3.NewBucketAsync("empty", Cancellation);

        await store.PutAsync("empty", ReadOnlyMemory<byte>.Empty, Cancellation);

        CollectionAssert.AreEqual(Array.Empty<byte>(), await store.GetAsync("empty", Cancellation));
        CollectionAssert.AreEqual(Array.Empty<byte>(), await store.GetFromAsync("empty", 0, Cancellation));
    }

    [TestMethod]
    public async Task GettingAnAbsentKeyReturnsNull()
    {
        var store = await SharedS3.NewBucketAsync("absent", Cancellation);

        Assert.IsNull(await store.GetAsync("no/such/key", Cancellation));
    }

    [TestMethod]
    public async Task GettingFromAMissingBucketThrowsInsteadOfAnsweringAbsent()
    {
        var connection = await SharedS3.GetConnectionAsync(Cancellation);
        using var store = new S3ObjectStore(connection, SharedS3.UniqueBucketName("never-created"));

        var failure = await Assert.ThrowsExactlyAsync<ObjectStoreException>(() => store.GetAsync("key", Cancellation));

        StringAssert.Contains(failure.Message, "NoSuchBucket");
        Assert.AreEqual(1, failure.Attempts, "A missing bucket is not transient and must not be retried.");
    }

    [TestMethod]
    public async Task ListingAMissingBucketThrowsNamingIt()
    {
        var connection = await SharedS3.GetConnectionAsync(Cancellation);
        var bucket = SharedS3.UniqueBucketName("never-created");
        using var store = new S3ObjectStore(connection, bucket);

        var failure = await Assert.ThrowsExactlyAsync<ObjectStoreException>(async () =>
        {
            await foreach (var unused in store.ListAsync("x/", Cancellation))
            {
                Assert.Fail($"Listed '{unused.Key}' in a bucket that does not exist.");
            }
        });

        StringAssert.Contains(failure.Message, bucket);
        StringAssert.Contains(failure.Message, "NoSuchBucket");
    }

    [TestMethod]
    [DataRow("wf/run-1/f(3).done")]
    [DataRow("with space/and+plus/ünïcødé ✓.txt")]
    [DataRow("symbols/a=b&c;d,e@f$g'h!i~j*k.txt")]
    public async Task KeysWithSpecialCharactersWorkEverywhere(string key)
    {
        var store = await SharedS3.NewBucketAsync("special-keys", Cancellation);
        using var http = new HttpClient();

        await store.PutTextAsync(key, "content", Cancellation);

        Assert.AreEqual("content", await store.GetTextAsync(key, Cancellation));
        Assert.AreEqual("tent", await store.GetTextFromAsync(key, 3, Cancellation));
        Assert.IsTrue(await store.ExistsAsync(key, Cancellation));
        CollectionAssert.AreEqual(new[] { key }, (await ListAsync(store, string.Empty)).Select(o => o.Key).ToArray());
        Assert.AreEqual("content", await http.GetStringAsync(store.PresignGet(key, TimeSpan.FromMinutes(1)), Cancellation));
        await store.DeleteAsync(key, Cancellation);
        Assert.IsFalse(await store.ExistsAsync(key, Cancellation));
    }

    [TestMethod]
    public async Task ExistsTellsPresentFromAbsent()
    {
        var store = await SharedS3.NewBucketAsync("exists", Cancellation);
        await store.PutTextAsync("present.txt", "here", Cancellation);

        Assert.IsTrue(await store.ExistsAsync("present.txt", Cancellation));
        Assert.IsFalse(await store.ExistsAsync("absent.txt", Cancellation));
        Assert.IsFalse(await store.ExistsAsync("present", Cancellation), "A key prefix is not the key.");
    }

    [TestMethod]
    public async Task DeleteRemovesTheObjectAndIsIdempotent()
    {
        var store = await SharedS3.NewBucketAsync("delete", Cancellation);
        await store.PutTextAsync("doomed", "bye", Cancellation);

        await store.DeleteAsync("doomed", Cancellation);
        await store.DeleteAsync("doomed", Cancellation);
        await store.DeleteAsync("never-existed", Cancellation);

        Assert.IsFalse(await store.ExistsAsync("doomed", Cancellation));
    }

    [TestMethod]
    public async Task ListingReturnsOnlyKeysUnderThePrefixWithSizes()
    {
        var store = await SharedS3.NewBucketAsync("list", Cancellation);
        await store.PutTextAsync("run/a.txt", "a", Cancellation);
        await store.PutTextAsync("run/sub/b.txt", "bb", Cancellation);
        await store.PutTextAsync("other/c.txt", "ccc", Cancellation);

        var listed = await ListAsync(store, "run/");

        CollectionAssert.AreEqual(new[] { "run/a.txt", "run/sub/b.txt" }, listed.Select(o => o.Key).ToArray());
        CollectionAssert.AreEqual(new long[] { 1, 2 }, listed.Select(o => o.Size).ToArray());
        Assert.IsTrue(listed.All(o => o.LastModified > DateTimeOffset.UtcNow.AddMinutes(-10)), "LastModified should be recent.");
        Assert.IsTrue(listed.All(o => !string.IsNullOrEmpty(o.ETag)), "Every listed object should carry an ETag.");
    }

    [TestMethod]
    public async Task ListingFollowsContinuationTokensAcrossPages()
    {
        var shared = await SharedS3.NewBucketAsync("paged", Cancellation);
        var connection = await SharedS3.GetConnectionAsync(Cancellation);
        using var store = new S3ObjectStore(connection, shared.Bucket, new S3ObjectStoreOptions { ListPageSize = 2 });
        var keys = Enumerable.Range(0, 5).Select(i => $"page/{i}").ToArray();
        foreach (var key in keys)
        {
            await store.PutTextAsync(key, key, Cancellation);
        }

        var listed = await ListAsync(store, "page/");

        CollectionAssert.AreEqual(keys, listed.Select(o => o.Key).ToArray());
    }

    [TestMethod]
    public async Task ListingAnEmptyPrefixOfAnEmptyBucketYieldsNothing()
    {
        var store = await SharedS3.NewBucketAsync("list-empty", Cancellation);

        Assert.IsEmpty(await ListAsync(store, string.Empty));
    }

    [TestMethod]
    public async Task RangedReadsReturnTheTailFromTheOffset()
    {
        var store = await SharedS3.NewBucketAsync("ranged", Cancellation);
        byte[] content = [10, 11, 12, 13, 14, 15, 16];
        await store.PutAsync("log.txt", content, Cancellation);

        CollectionAssert.AreEqual(content, await store.GetFromAsync("log.txt", 0, Cancellation));
        CollectionAssert.AreEqual(new byte[] { 13, 14, 15, 16 }, await store.GetFromAsync("log.txt", 3, Cancellation));
        CollectionAssert.AreEqual(new byte[] { 16 }, await store.GetFromAsync("log.txt", 6, Cancellation));
        CollectionAssert.AreEqual(Array.Empty<byte>(), await store.GetFromAsync("log.txt", content.Length, Cancellation));
        CollectionAssert.AreEqual(Array.Empty<byte>(), await store.GetFromAsync("log.txt", content.Length + 5, Cancellation));
        Assert.IsNull(await store.GetFromAsync("missing.txt", 3, Cancellation));
    }

    [TestMethod]
    public async Task RangedReadsFollowAGrowingObject()
    {
        var store = await SharedS3.NewBucketAsync("growing", Cancellation);
        await store.PutTextAsync("log", "first line\n", Cancellation);
        var firstPart = await store.GetTextFromAsync("log", 0, Cancellation);

        await store.PutTextAsync("log", "first line\nsecond line\n", Cancellation);
        var secondPart = await store.GetTextFromAsync("log", firstPart!.Length, Cancellation);

        Assert.AreEqual("first line\n", firstPart);
        Assert.AreEqual("second line\n", secondPart);
    }

    [TestMethod]
    public async Task TextRoundTripsAsUtf8WithoutAByteOrderMark()
    {
        var store = await SharedS3.NewBucketAsync("text", Cancellation);
        const string text = "Grüße, ✓ — 数据";

        await store.PutTextAsync("text.txt", text, Cancellation);

        Assert.AreEqual(text, await store.GetTextAsync("text.txt", Cancellation));
        CollectionAssert.AreEqual(System.Text.Encoding.UTF8.GetBytes(text), await store.GetAsync("text.txt", Cancellation));
        Assert.IsNull(await store.GetTextAsync("absent.txt", Cancellation));
    }

    [TestMethod]
    public async Task TextThatIsNotUtf8IsReportedWithItsKey()
    {
        var store = await SharedS3.NewBucketAsync("not-text", Cancellation);
        await store.PutAsync("binary", new byte[] { 0x66, 0xFF, 0xFE }, Cancellation);

        var failure = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => store.GetTextAsync("binary", Cancellation));

        StringAssert.Contains(failure.Message, "'binary'");
    }

    [TestMethod]
    public async Task EnsureBucketIsIdempotent()
    {
        var store = await SharedS3.NewBucketAsync("ensure", Cancellation);
        await store.PutTextAsync("kept", "still here", Cancellation);

        await store.EnsureBucketAsync(Cancellation);

        Assert.AreEqual("still here", await store.GetTextAsync("kept", Cancellation));
    }

    [TestMethod]
    public async Task PresignedGetServesTheObjectToAPlainHttpClient()
    {
        var store = await SharedS3.NewBucketAsync("presign-get", Cancellation);
        await store.PutTextAsync("dir/file name.txt", "presigned body", Cancellation);
        using var http = new HttpClient();

        var url = store.PresignGet("dir/file name.txt", TimeSpan.FromMinutes(5));
        var body = await http.GetStringAsync(url, Cancellation);

        Assert.AreEqual(Uri.UriSchemeHttp, url.Scheme);
        Assert.AreEqual("presigned body", body);
    }

    [TestMethod]
    public async Task PresignedPutStoresWhatAPlainHttpClientUploads()
    {
        var store = await SharedS3.NewBucketAsync("presign-put", Cancellation);
        using var http = new HttpClient();
        byte[] content = [1, 2, 3, 4, 5];

        var url = store.PresignPut("uploaded.bin", TimeSpan.FromMinutes(5));
        using var response = await http.PutAsync(url, new ByteArrayContent(content), Cancellation);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
        CollectionAssert.AreEqual(content, await store.GetAsync("uploaded.bin", Cancellation));
    }

    private async Task<List<StoredObject>> ListAsync(IObjectStore store, string prefix)
    {
        var listed = new List<StoredObject>();
        await foreach (var item in store.ListAsync(prefix, Cancellation))
        {
            listed.Add(item);
        }

        return listed;
    }
}

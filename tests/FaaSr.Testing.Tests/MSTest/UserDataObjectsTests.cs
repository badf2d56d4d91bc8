using FaaSr.Testing.MSTest;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.MSTest;

[TestClass]
public sealed class UserDataObjectsTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task WithPresignedUrlsTheBytesTravelOverPlainHttpOnly()
    {
        var store = await SharedS3.NewBucketAsync("presigned-only", Cancellation);
        using var http = new HttpClient();
        var objects = new UserDataObjects(new PresignOnlyStore(store), "data", "run-1", ObjectTransfer.PresignedUrls,
            TimeSpan.FromMinutes(5), http);
        byte[] content = [0, 1, 2, 254, 255, 10, 13];

        await objects.UploadAsync("nested/blob.bin", content, Cancellation);

        CollectionAssert.AreEqual(content, await store.GetAsync("data/run-1/nested/blob.bin", Cancellation),
            "The PUT landed under {folder}/{id}/.");
        CollectionAssert.AreEqual(content, await objects.DownloadAsync("nested/blob.bin", Cancellation));
        Assert.IsNull(await objects.DownloadAsync("absent.bin", Cancellation), "A 404 is an absent object.");
    }

    [TestMethod]
    public async Task ListingGivesNamesRelativeToTheInvocationsFolder()
    {
        var store = await SharedS3.NewBucketAsync("user-data-list", Cancellation);
        using var http = new HttpClient();
        var objects = new UserDataObjects(store, "data/", "run-2", ObjectTransfer.S3Api, TimeSpan.FromMinutes(5), http);
        await store.PutTextAsync("data/run-2/a.txt", "a", Cancellation);
        await store.PutTextAsync("data/run-2/b/c.txt", "c", Cancellation);
        await store.PutTextAsync("data/run-20/other.txt", "another invocation", Cancellation);

        CollectionAssert.AreEquivalent(new[] { "a.txt", "b/c.txt" }, (await objects.ListAsync(Cancellation)).ToArray());
        Assert.AreEqual("data/run-2/b/c.txt", objects.KeyOf("b/c.txt"));
    }

    /// <summary>A real store whose direct reads and writes are refused, so only pre-signed URLs can move bytes.</summary>
    private sealed class PresignOnlyStore(IObjectStore inner) : DelegatingObjectStore(inner)
    {
        public override Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("GetAsync used instead of a pre-signed URL.");

        public override Task<byte[]?> GetFromAsync(string key, long offset, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("GetFromAsync used instead of a pre-signed URL.");

        public override Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("PutAsync used instead of a pre-signed URL.");
    }
}

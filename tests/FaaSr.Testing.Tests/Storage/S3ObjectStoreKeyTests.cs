using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Storage;

/// <summary>s3rver maps keys to files, so a key with '..' would reach other buckets and files outside its data folder.</summary>
[TestClass]
public sealed class S3ObjectStoreKeyTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task KeysThatLeaveTheBucketAreRefusedForEveryOperationAndReachNoOtherBucket()
    {
        var store = await SharedS3.NewBucketAsync("keys", Cancellation);
        var other = await SharedS3.NewBucketAsync("keys-other", Cancellation);
        await other.PutAsync("victim", "still here"u8.ToArray(), Cancellation);
        var escape = $"../{other.Bucket}/victim";

        await Assert.ThrowsExactlyAsync<InvalidObjectKeyException>(() =>
            store.PutAsync($"../{other.Bucket}/planted", "x"u8.ToArray(), Cancellation));
        await Assert.ThrowsExactlyAsync<InvalidObjectKeyException>(() => store.GetAsync(escape, Cancellation));
        await Assert.ThrowsExactlyAsync<InvalidObjectKeyException>(() => store.GetFromAsync(escape, 1, Cancellation));
        await Assert.ThrowsExactlyAsync<InvalidObjectKeyException>(() => store.ExistsAsync(escape, Cancellation));
        await Assert.ThrowsExactlyAsync<InvalidObjectKeyException>(() => store.DeleteAsync(escape, Cancellation));
        await Assert.ThrowsExactlyAsync<InvalidObjectKeyException>(() => store.PutAsync("/absolute", "x"u8.ToArray(), Cancellation));
        Assert.ThrowsExactly<InvalidObjectKeyException>(() => store.PresignGet(escape, TimeSpan.FromMinutes(1)));
        await Assert.ThrowsExactlyAsync<InvalidObjectKeyException>(async () =>
        {
            await foreach (var _ in store.ListAsync("../", Cancellation))
            {
            }
        });

        Assert.AreEqual("still here", await other.GetTextAsync("victim", Cancellation));
        Assert.IsFalse(await other.ExistsAsync("planted", Cancellation));
    }

    [TestMethod]
    [DataRow("..")]
    [DataRow("a/../b")]
    public async Task ABucketNameThatIsAPathIsRefused(string bucket)
    {
        var connection = await SharedS3.GetConnectionAsync(Cancellation);

        var error = Assert.ThrowsExactly<InvalidObjectKeyException>(() => new S3ObjectStore(connection, bucket));

        Assert.AreEqual(bucket, error.Key);
    }
}

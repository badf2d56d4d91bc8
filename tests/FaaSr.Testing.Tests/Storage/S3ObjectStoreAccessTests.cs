using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Storage;

/// <summary>How s3rver 3.7.1 treats credentials, as seen through <see cref="S3ObjectStore"/>.</summary>
[TestClass]
public sealed class S3ObjectStoreAccessTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task AnonymousRequestsAreAccepted()
    {
        var shared = await SharedS3.NewBucketAsync("anonymous", Cancellation);
        var server = await SharedS3.GetConnectionAsync(Cancellation);
        using var anonymous = new S3ObjectStore(server with { AccessKey = null, SecretKey = null }, shared.Bucket);

        await anonymous.PutTextAsync("k", "unsigned", Cancellation);

        Assert.IsTrue(anonymous.Connection.IsAnonymous);
        Assert.AreEqual("unsigned", await anonymous.GetTextAsync("k", Cancellation));
        Assert.AreEqual("unsigned", await shared.GetTextAsync("k", Cancellation));
    }

    [TestMethod]
    public async Task AnAnonymousPresignedGetIsAPlainUrlThatWorks()
    {
        var shared = await SharedS3.NewBucketAsync("anonymous-presign", Cancellation);
        await shared.PutTextAsync("k", "public", Cancellation);
        var server = await SharedS3.GetConnectionAsync(Cancellation);
        using var anonymous = new S3ObjectStore(server with { AccessKey = null, SecretKey = null }, shared.Bucket);
        using var http = new HttpClient();

        var url = anonymous.PresignGet("k", TimeSpan.FromMinutes(1));

        Assert.AreEqual("public", await http.GetStringAsync(url, Cancellation));
    }

    [TestMethod]
    public async Task AnUnknownAccessKeyIsRejectedWithoutRetriesAndWithoutShowingTheSecret()
    {
        const string secret = "do-not-print-me";
        var shared = await SharedS3.NewBucketAsync("wrong-key", Cancellation);
        var server = await SharedS3.GetConnectionAsync(Cancellation);
        using var store = new S3ObjectStore(server with { AccessKey = "NOT-S3RVER", SecretKey = secret }, shared.Bucket);

        var failure = await Assert.ThrowsExactlyAsync<ObjectStoreException>(() => store.GetAsync("k", Cancellation));

        StringAssert.Contains(failure.Message, "InvalidAccessKeyId");
        StringAssert.Contains(failure.Message, "HTTP 403");
        Assert.AreEqual(1, failure.Attempts, "An authorization failure is not transient.");
        Assert.DoesNotContain(secret, failure.ToString());
    }

    [TestMethod]
    public async Task AWrongSecretIsAcceptedBecauseS3rverDoesNotVerifySigV4()
    {
        var shared = await SharedS3.NewBucketAsync("wrong-secret", Cancellation);
        var server = await SharedS3.GetConnectionAsync(Cancellation);
        using var store = new S3ObjectStore(server with { SecretKey = "not-the-secret" }, shared.Bucket);

        await store.PutTextAsync("k", "accepted anyway", Cancellation);

        Assert.AreEqual("accepted anyway", await shared.GetTextAsync("k", Cancellation));
    }
}

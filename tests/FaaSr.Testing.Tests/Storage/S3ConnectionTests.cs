using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Storage;

[TestClass]
public sealed class S3ConnectionTests
{
    private const string Secret = "wJalrXUtnFEMI-very-secret";

    [TestMethod]
    public void ToStringRedactsTheSecretKey()
    {
        var connection = new S3Connection(new Uri("http://127.0.0.1:9000"), "us-east-1", "AKIDEXAMPLE", Secret);

        var text = connection.ToString();

        Assert.DoesNotContain(Secret, text);
        StringAssert.Contains(text, "SecretKey = ***");
        StringAssert.Contains(text, "AKIDEXAMPLE");
        StringAssert.Contains(text, "http://127.0.0.1:9000");
    }

    [TestMethod]
    public void FromDataStoreUsesTheEndpointRegionAndCredentials()
    {
        var store = new DataStore { Name = "S3", Bucket = "b", Endpoint = "https://play.min.io", Region = "eu-west-1" };

        var connection = S3Connection.FromDataStore(store, "access", Secret);

        Assert.AreEqual(new Uri("https://play.min.io"), connection.ServiceUrl);
        Assert.AreEqual("eu-west-1", connection.Region);
        Assert.AreEqual("access", connection.AccessKey);
        Assert.AreEqual(Secret, connection.SecretKey);
        Assert.IsFalse(connection.IsAws);
        Assert.IsFalse(connection.IsAnonymous);
    }

    [TestMethod]
    public void FromDataStoreWithoutEndpointMeansAwsAndAnEmptyRegionMeansUsEast1()
    {
        var store = new DataStore { Name = "S3", Bucket = "b", Endpoint = "", Region = "" };

        var connection = S3Connection.FromDataStore(store, "access", Secret);

        Assert.IsNull(connection.ServiceUrl);
        Assert.IsTrue(connection.IsAws);
        Assert.AreEqual("us-east-1", connection.Region);
    }

    [TestMethod]
    public void AnAnonymousDataStoreDropsTheCredentials()
    {
        var store = new DataStore { Name = "Public", Bucket = "b", Endpoint = "http://localhost:9000", Anonymous = true };

        var connection = S3Connection.FromDataStore(store, "access", Secret);

        Assert.IsTrue(connection.IsAnonymous);
        Assert.IsNull(connection.SecretKey);
    }

    [TestMethod]
    public void AnEndpointThatIsNotHttpNamesTheStore()
    {
        var store = new DataStore { Name = "Broken", Bucket = "b", Endpoint = "play.min.io" };

        var failure = Assert.ThrowsExactly<ArgumentException>(() => S3Connection.FromDataStore(store, "a", Secret));

        StringAssert.Contains(failure.Message, "'Broken'");
        StringAssert.Contains(failure.Message, "play.min.io");
    }

    [TestMethod]
    public void RedactReplacesEveryOccurrenceOfTheSecret()
    {
        var connection = new S3Connection(null, "us-east-1", "id", Secret);

        Assert.AreEqual("x *** y ***", connection.Redact($"x {Secret} y {Secret}"));
    }
}

using FaaSr.Testing.Profiles;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Profiles;

[TestClass]
public sealed class SecretRedactorTests
{
    private const string Workflow = """
        {
          "WorkflowName": "W",
          "FunctionInvoke": "f",
          "DefaultDataStore": "S3",
          "ComputeServers": { "GH": { "FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": true } },
          "DataStores": { "S3": { "Bucket": "bucket", "Region": "us-east-1" } },
          "ActionList": { "f": { "FaaSServer": "GH", "FunctionName": "f", "Type": "Python" } },
          "Secrets": ["API_TOKEN"]
        }
        """;

    [TestMethod]
    public void DeclaredSecretsStoreSecretKeysAndGivenValuesAreMaskedNothingElse()
    {
        var settings = new SettingSources(
            new Dictionary<string, string> { ["API_TOKEN"] = "tok-123", ["S3_SecretKey"] = "s3-secret", ["S3_AccessKey"] = "AKIA-visible", ["OTHER"] = "plain" },
            ".env",
            _ => null);
        var redactor = SecretRedactor.For(WorkflowLoader.Parse(Workflow, "W.json").Document, settings, ["given-value"]);

        var text = redactor.Redact("token tok-123, key s3-secret, id AKIA-visible, given-value, plain");

        Assert.AreEqual("token ***, key ***, id AKIA-visible, ***, plain", text);
    }

    [TestMethod]
    public void ASecretContainingAnotherIsMaskedWhole() =>
        Assert.AreEqual("[***]", new SecretRedactor(["abc", "abcdef"]).Redact("[abcdef]"));
}

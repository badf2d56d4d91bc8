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
            new Dictionary<string, string>
            {
                ["API_TOKEN"] = "tok-123",
                ["S3_SecretKey"] = "s3-secret",
                ["S3_AccessKey"] = "AKIA-visible",
                ["OTHER"] = "plain",
            },
            ".env",
            _ => null);
        var redactor = SecretRedactor.For(WorkflowLoader.Parse(Workflow, "W.json").Document, settings, ["given-value"]);

        var text = redactor.Redact("token tok-123, key s3-secret, id AKIA-visible, given-value, plain");

        Assert.AreEqual("token ***, key ***, id AKIA-visible, ***, plain", text);
    }

    [TestMethod]
    public void TheComputeServersCredentialsNamedByTheFaaSTypeCatalogAreMasked()
    {
        var settings = new SettingSources(
            new Dictionary<string, string> { ["GH_PAT"] = "ghp_token", ["AWS_REGION"] = "not-a-server-here" },
            ".env",
            _ => null);
        var redactor = SecretRedactor.For(WorkflowLoader.Parse(Workflow, "W.json").Document, settings);

        Assert.AreEqual("pat ***, other not-a-server-here", redactor.Redact("pat ghp_token, other not-a-server-here"));
    }

    [TestMethod]
    public void ASecretContainingAnotherIsMaskedWhole() =>
        Assert.AreEqual("[***]", new SecretRedactor(["abc", "abcdef"]).Redact("[abcdef]"));

    [TestMethod]
    public void AMultiLineSecretIsMaskedWholeLineByLineAndEscaped()
    {
        const string Key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----";
        var redactor = new SecretRedactor([Key]);

        var indented = redactor.Redact("log tail:\n    -----BEGIN KEY-----\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n    -----END KEY-----");
        var escaped = redactor.Redact("Found: \"" + Key.Replace("\n", "\\n", StringComparison.Ordinal) + "\"");

        Assert.DoesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", indented);
        Assert.DoesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", escaped);
        Assert.AreEqual("Found: \"***\"", escaped);
    }

    [TestMethod]
    public void ComputeTokensAndSecretLookingSettingsAreMaskedToo()
    {
        var settings = new SettingSources(
            new Dictionary<string, string>
            {
                ["GH_PAT"] = "ghp_PATCANARY8842",
                ["UNDECLARED_SECRET"] = "UNDECL-CANARY-11aa",
                ["USE_KEY"] = "1",
                ["PYTHONPATH"] = "/usr/lib/python3",
            },
            ".env",
            _ => null);
        var redactor = SecretRedactor.For(WorkflowLoader.Parse(Workflow, "W.json").Document, settings);

        var text = redactor.Redact("GH_PAT=ghp_PATCANARY8842 UNDECLARED_SECRET=UNDECL-CANARY-11aa rank 1 path /usr/lib/python3");

        Assert.AreEqual("GH_PAT=*** UNDECLARED_SECRET=*** rank 1 path /usr/lib/python3", text);
    }

    [TestMethod]
    public void AQuotedSecretLongerThanTheQuoteLimitIsMaskedBeforeItIsShortened()
    {
        var secret = "LONGHEAD-CANARY-" + new string('x', 600) + "-LONGTAIL";
        var report = new FaaSr.Testing.MSTest.FailureReport(null!, 20, new SecretRedactor([secret]));

        var quoted = report.Quote("value " + secret + " end");

        Assert.DoesNotContain("LONGHEAD-CANARY", quoted);
        Assert.AreEqual("\"value *** end\"", quoted);
    }
}

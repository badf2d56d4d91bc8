using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>Workflow fields that become object keys or code paths cannot leave their folder (s3rver maps keys to files).</summary>
[TestClass]
public sealed class StorageKeyRulesTests
{
    [TestMethod]
    [DataRow("FaaSrLog", "../../../../tmp/outside", "$.FaaSrLog", "'..' segment")]
    [DataRow("FaaSrLog", "/", "$.FaaSrLog", "absolute")]
    [DataRow("FaaSrLog", "/var/log", "$.FaaSrLog", "absolute")]
    [DataRow("InvocationID", "../../../../tmp/outside", "$.InvocationID", "'..' segment")]
    [DataRow("InvocationID", "a//b", "$.InvocationID", "empty segment")]
    [DataRow("InvocationTimestamp", "2026/../../x", "$.InvocationTimestamp", "'..' segment")]
    public void KeyFieldsThatLeaveTheirFolderAreRefused(string key, string value, string path, string reason)
    {
        var problems = WorkflowLoader.Check(SampleWorkflows.With(w => w[key] = value), "wf.json").Problems;

        var problem = problems.Single(p => p.JsonPath == path);
        StringAssert.Contains(problem.Message, reason);
        StringAssert.Contains(problem.Message, key);
    }

    [TestMethod]
    [DataRow("..")]
    [DataRow("a/../../x")]
    [DataRow("Has_Upper")]
    public void ABucketThatIsNotAnS3BucketNameIsRefused(string bucket)
    {
        var problems = WorkflowLoader.Check(SampleWorkflows.With(w => w["DataStores"]!["S3"]!["Bucket"] = bucket), "wf.json").Problems;

        StringAssert.Contains(problems.Single(p => p.JsonPath == "$.DataStores.S3.Bucket").Message, "Bucket");
    }

    [TestMethod]
    public void AFunctionRepositoryPathWithDotDotIsRefused()
    {
        var problems = WorkflowLoader.Check(
            SampleWorkflows.With(w => w["FunctionGitRepo"]!["start_fn"] = "owner/repo/../outside"), "wf.json").Problems;

        var problem = problems.Single(p => p.JsonPath == "$.FunctionGitRepo.start_fn");
        Assert.AreEqual("start", problem.Action);
        StringAssert.Contains(problem.Message, "'..' segment");
    }

    [TestMethod]
    public void OrdinaryValuesStillPass()
    {
        var json = SampleWorkflows.With(w =>
        {
            w["FaaSrLog"] = "logs/faasr/";
            w["InvocationID"] = "run-42";
            w["InvocationTimestamp"] = "2026-01-01T00-00-00";
            w["FunctionGitRepo"]!["start_fn"] = new JsonArray("https://github.com/owner/repo/tree/main/functions", "./functions");
        });

        var check = WorkflowLoader.Check(json, "wf.json");

        Assert.IsTrue(check.IsValid, string.Join(Environment.NewLine, check.Problems));
    }
}

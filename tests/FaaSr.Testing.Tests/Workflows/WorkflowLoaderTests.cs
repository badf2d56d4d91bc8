using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

[TestClass]
public sealed class WorkflowLoaderTests
{
    [TestMethod]
    public void ReadsEveryTopLevelKeyOfTheSample()
    {
        var graph = WorkflowLoader.Parse(SampleWorkflows.Valid, "sample.json");
        var document = graph.Document;

        Assert.AreEqual("Sample", document.WorkflowName);
        Assert.AreEqual("start", document.FunctionInvoke);
        Assert.AreEqual("S3", document.EffectiveLoggingDataStore);
        Assert.AreEqual("FaaSrLog", document.EffectiveFaaSrLog);
        CollectionAssert.AreEqual(new[] { "start", "middle", "yes", "no", "fan", "join" }, document.Actions.Select(a => a.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "owner/repo/functions" }, document.FunctionGitRepo["start_fn"].ToArray());
        CollectionAssert.AreEqual(new[] { "owner/repo/functions", "https://github.com/owner/other" },
            document.FunctionGitRepo["middle_fn"].ToArray());
        CollectionAssert.AreEqual(new[] { "pandas" }, document.PyPIPackageDownloads["start_fn"].ToArray());
        Assert.AreEqual("ghcr.io/faasr/github-actions-python:latest", document.ActionContainers["start"]);
        CollectionAssert.AreEqual(new[] { "TEST_SECRET" }, document.Secrets.ToArray());
        Assert.IsNotNull(document.Raw["PulumiSecretStore"], "extra top-level keys stay in Raw");
    }

    [TestMethod]
    public void AppliesDefaults()
    {
        var document = WorkflowLoader.Parse(SampleWorkflows.Valid, "sample.json").Document;

        var store = document.DataStores["S3"];
        Assert.AreEqual("us-east-1", store.Region, "empty Region becomes us-east-1");
        Assert.IsTrue(store.Writable);
        Assert.IsFalse(store.Anonymous);
        Assert.AreEqual(0, document.FindAction("start")!.Arguments.Count, "null Arguments becomes {}");
        Assert.AreEqual("out", document.FindAction("middle")!.Arguments["folder"]!.GetValue<string>());
        Assert.IsNull(document.FindAction("yes")!.Arguments["folder"]);
        Assert.AreEqual(0, document.FindAction("yes")!.InvokeNext.Count, "missing InvokeNext is empty");
        Assert.AreEqual(FunctionLanguage.Julia, document.FindAction("join")!.Type);
        Assert.IsTrue(document.ComputeServers["GH"].UseSecretStore);
        Assert.AreEqual("someone", document.ComputeServers["GH"].Field("UserName"));
    }

    [TestMethod]
    public void ReadsEveryInvokeNextForm()
    {
        var document = WorkflowLoader.Parse(SampleWorkflows.Valid, "sample.json").Document;

        CollectionAssert.AreEqual(
            new InvokeNextItem[] { InvokeTarget.Plain("middle"), InvokeTarget.Ranked("fan", 3) },
            document.FindAction("start")!.InvokeNext.ToArray());
        var conditional = (ConditionalInvoke)document.FindAction("middle")!.InvokeNext.Single();
        CollectionAssert.AreEqual(new[] { InvokeTarget.Plain("yes") }, conditional.WhenTrue.ToArray());
        CollectionAssert.AreEqual(new[] { InvokeTarget.Plain("no") }, conditional.WhenFalse.ToArray());
        CollectionAssert.AreEqual(new InvokeNextItem[] { InvokeTarget.Plain("join") }, document.FindAction("fan")!.InvokeNext.ToArray());
    }

    [TestMethod]
    public void ConditionalWithOneBranchHasAnEmptyOtherBranchKnownToBeAbsent()
    {
        var json = SampleWorkflows.With(w =>
            SampleWorkflows.Action(w, "middle")["InvokeNext"] = new JsonArray(new JsonObject { ["True"] = new JsonArray("yes", "no") }));

        var conditional = (ConditionalInvoke)WorkflowLoader.Parse(json, "one-branch.json").Document.FindAction("middle")!.InvokeNext
            .Single();

        Assert.AreEqual(2, conditional.WhenTrue.Count);
        Assert.AreEqual(0, conditional.WhenFalse.Count);
        CollectionAssert.AreEqual(new[] { "False" }, conditional.AbsentBranches.ToArray(), "FaaSr 2.1 crashes when False is returned.");
    }

    [TestMethod]
    public void AnonymousAndWritableAreReadFromTheirStrings()
    {
        var json = SampleWorkflows.With(w =>
        {
            var store = w["DataStores"]!["S3"]!.AsObject();
            store["Writable"] = "false";
            store["Anonymous"] = "True";
        });

        var store = WorkflowLoader.Parse(json, "flags.json").Document.DataStores["S3"];

        Assert.IsFalse(store.Writable);
        Assert.IsTrue(store.Anonymous);
    }

    [TestMethod]
    [DataRow("{\"WorkflowName\": \"x\",", "$", "line 1")]
    [DataRow("{\"WorkflowName\": \"x\", \"WorkflowName\": \"y\"}", "$.WorkflowName", "duplicate key 'WorkflowName' (line 1, position 23)")]
    [DataRow("{\"ActionList\": {\"a\": {\"InvokeNext\": [\"b\",]}}}", "$.ActionList.a.InvokeNext", "line 1")]
    [DataRow("{\"ActionList\": {\"a\": tru}}", "$.ActionList.a", "invalid JSON literal")]
    [DataRow("[1, 2]", "$", "must hold a JSON object")]
    [DataRow("", "$", "malformed JSON")]
    public void MalformedJsonIsAProblemWithPath(string json, string expectedPath, string expectedFragment)
    {
        var check = WorkflowLoader.Check(json, "bad.json");

        Assert.IsNull(check.Document);
        var problem = check.Problems.Single();
        Assert.AreEqual(expectedPath, problem.JsonPath, problem.ToString());
        Assert.Contains(expectedFragment, problem.Message);
        Assert.StartsWith($"bad.json: {expectedPath}: ", problem.ToString());
    }

    [TestMethod]
    public void DuplicateKeysDeepInsideAreFoundWithLineAndPosition()
    {
        const string json = "{\n  \"ActionList\": {\n    \"a\": {\n      \"Arguments\": {\"x\": 1,\n        \"x\": 2}\n    }\n  }\n}";

        var problem = WorkflowLoader.Check(json, "dup.json").Problems.Single();

        Assert.AreEqual("$.ActionList.a.Arguments.x", problem.JsonPath);
        Assert.Contains("duplicate key 'x' (line 5, position 9)", problem.Message);
    }

    [TestMethod]
    public void ParseThrowsWithEveryProblemOnItsOwnLine()
    {
        var json = SampleWorkflows.With(w =>
        {
            w.Remove("WorkflowName");
            SampleWorkflows.Action(w, "start")["FaaSServer"] = 3;
        });

        var exception = Assert.ThrowsExactly<InvalidWorkflowException>(() => WorkflowLoader.Parse(json, "broken.json"));

        Assert.IsGreaterThanOrEqualTo(2, exception.Problems.Count);
        var lines = exception.Message.Split(Environment.NewLine);
        Assert.AreEqual(exception.Problems.Count, lines.Length);
        Assert.Contains("broken.json: $.WorkflowName: WorkflowName is required but missing", lines);
        Assert.Contains("broken.json: $.ActionList.start.FaaSServer: action 'start': FaaSServer must be a string, not a number", lines);
    }

    [TestMethod]
    public void LoadReportsAMissingFileAsAProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"faasr-missing-{Guid.NewGuid():N}.json");

        var check = WorkflowLoader.CheckFile(path);
        var exception = Assert.ThrowsExactly<InvalidWorkflowException>(() => WorkflowLoader.Load(path));

        Assert.AreEqual(path, check.Problems.Single().File);
        Assert.Contains("cannot read the workflow file", check.Problems.Single().Message);
        Assert.AreEqual(path, exception.Problems.Single().File);
    }

    [TestMethod]
    public void LoadReadsAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"faasr-sample-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, SampleWorkflows.Valid);
        try
        {
            Assert.AreEqual("start", WorkflowLoader.Load(path).EntryAction);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void ToStringNeverShowsCredentials()
    {
        var json = SampleWorkflows.With(w =>
        {
            w["ComputeServers"]!["GH"]!["Token"] = "ghp_secretvalue";
            w["DataStores"]!["S3"]!["SecretKey"] = "s3-secret-value";
        });

        var document = WorkflowLoader.Parse(json, "secrets.json").Document;
        var printed = string.Join("\n", document.ToString(), document.ComputeServers["GH"].ToString(),
            document.DataStores["S3"].ToString());

        Assert.DoesNotContain("ghp_secretvalue", printed);
        Assert.DoesNotContain("s3-secret-value", printed);
        Assert.Contains("Sample", printed);
    }
}

using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

[TestClass]
public sealed class WorkflowValidatorTests
{
    [TestMethod]
    public void TheSampleIsValid()
    {
        var check = WorkflowLoader.Check(SampleWorkflows.Valid, "sample.json");

        Assert.IsTrue(check.IsValid, string.Join(Environment.NewLine, check.Problems));
    }

    [TestMethod]
    public void ReportsEveryProblemAtOnceEachWithItsActionAndPath()
    {
        var json = SampleWorkflows.With(w =>
        {
            w["WorkflowName"] = "has_underscore";
            w["DefaultDataStore"] = "Nowhere";
            w["DataStores"]!["S3"]!["Endpoint"] = "ftp://example";
            SampleWorkflows.Action(w, "start")["FaaSServer"] = "AWS";
            SampleWorkflows.Action(w, "middle")["FunctionName"] = "middle-fn";
            SampleWorkflows.Action(w, "fan")["InvokeNext"] = new JsonArray("join", "missing");
            SampleWorkflows.Action(w, "join")["InvokeNext"] = new JsonArray("fan");
        });

        var problems = WorkflowLoader.Check(json, "many.json").Problems;

        var expected = new (string? Action, string Path, string Fragment)[]
        {
            (null, "$.WorkflowName", "no underscores"),
            (null, "$.DefaultDataStore", "'Nowhere' is not a key of DataStores"),
            (null, "$.DataStores.S3.Endpoint", "must start with http"),
            ("start", "$.ActionList.start.FaaSServer", "FaaSServer 'AWS' is not a key of ComputeServers"),
            ("middle", "$.ActionList.middle.FunctionName", "must be an identifier"),
            ("fan", "$.ActionList.fan.InvokeNext[1]", "'missing', which is not in ActionList"),
            ("join", "$.ActionList.join.InvokeNext[0]", "loop found from action 'join' to 'fan'"),
            ("fan", "$.ActionList.fan", "a ranked action must have exactly one predecessor"),
        };
        foreach (var (action, path, fragment) in expected)
        {
            Assert.IsTrue(
                problems.Any(p =>
                    p.Action == action && p.JsonPath == path && p.Message.Contains(fragment, StringComparison.Ordinal)
                        && p.File == "many.json"),
                $"missing {path} \"{fragment}\" in:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }

        Assert.HasCount(expected.Length, problems, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    public void ProblemsOfAnActionNameItInTheirText()
    {
        var json = SampleWorkflows.With(w => SampleWorkflows.Action(w, "yes")["Type"] = "Cobol");

        var problem = WorkflowLoader.Check(json, "wf.json").Problems.Single();

        Assert.AreEqual("yes", problem.Action);
        Assert.AreEqual("wf.json: $.ActionList.yes.Type: action 'yes': Type must be Python, R or Julia, not \"Cobol\"", problem.ToString());
    }

    [TestMethod]
    public void ValidatesADocumentBuiltInCode()
    {
        var document = WorkflowLoader.Parse(SampleWorkflows.Valid, "sample.json").Document with
        {
            FunctionInvoke = "middle",
        };

        var problems = WorkflowValidator.Validate(document, "in-memory");

        var problem = problems.Single();
        Assert.AreEqual("$.FunctionInvoke", problem.JsonPath);
        Assert.Contains("must be the entry action, which is 'start'", problem.Message);
    }

    [TestMethod]
    public void ExtraTopLevelKeysAndOptionalSectionsAreTolerated()
    {
        var json = SampleWorkflows.With(w =>
        {
            w["SomethingNew"] = new JsonArray(1, 2);
            w["InvocationIDFromDate"] = "%Y%m%d";
            w["VMConfig"] = new JsonObject { ["Name"] = "vm", ["Provider"] = "AWS", ["InstanceId"] = "i-1", ["Region"] = "us-east-1" };
            SampleWorkflows.Action(w, "yes")["MaxRuntime"] = 60;
            SampleWorkflows.Action(w, "yes")["RequiresVM"] = true;
        });

        var check = WorkflowLoader.Check(json, "extras.json");

        Assert.IsTrue(check.IsValid, string.Join(Environment.NewLine, check.Problems));
        Assert.AreEqual(60, check.Document!.FindAction("yes")!.MaxRuntime);
        Assert.IsTrue(check.Document.FindAction("yes")!.RequiresVM);
        Assert.AreEqual("%Y%m%d", check.Document.InvocationIdFromDate);
    }

    [TestMethod]
    public void ARankedTargetOfRankOneIsNotRankedForTheGraphRules()
    {
        var json = SampleWorkflows.With(w =>
        {
            SampleWorkflows.Action(w, "start")["InvokeNext"] = new JsonArray("middle", "fan(1)");
            SampleWorkflows.Action(w, "yes")["InvokeNext"] = new JsonArray("join");
        });

        var check = WorkflowLoader.Check(json, "rank-one.json");

        Assert.IsTrue(check.IsValid, string.Join(Environment.NewLine, check.Problems));
    }
}

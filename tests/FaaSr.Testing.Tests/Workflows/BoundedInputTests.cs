using System.Diagnostics;
using System.Text;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>
/// Hostile workflow files (red-team findings F5, F6, F7, F13, F17, F20): each is a clear problem, found early, never an
/// exception or a flood.
/// </summary>
[TestClass]
public sealed class BoundedInputTests
{
    [TestMethod]
    [DataRow("\"FaaSrLog\": \"\\ud800\"", DisplayName = "a lone surrogate in a value")]
    [DataRow("\"\\ud800x\": 1", DisplayName = "a lone surrogate in a key")]
    [DataRow("\"Note\": \"after\\udc00failure\"", DisplayName = "a lone low surrogate")]
    public void AnInvalidUnicodeEscapeIsAProblemNotAnException(string member)
    {
        var json = SampleWorkflows.Valid.Replace("\"WorkflowName\": \"Sample\",", "\"WorkflowName\": \"Sample\", " + member + ",",
            StringComparison.Ordinal);

        var check = WorkflowLoader.Check(json, "surrogate.json");

        Assert.IsFalse(check.IsValid);
        StringAssert.Contains(check.Problems[0].Message, "invalid \\u escape");
        StringAssert.Contains(check.Problems[0].Message, "line 2");
    }

    [TestMethod]
    public void ManyDuplicateKeysAreReportedInLinearTimeAndTheListIsCapped()
    {
        // 200,000 duplicate keys after a 4 MB string: counting lines from the start for each one took minutes.
        var json = new StringBuilder("{\"Pad\": \"").Append('x', 4_000_000).Append("\",\n\"Dup\": {");
        for (var i = 0; i < 200_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("\"k\": 1");
        }

        json.Append("}}");
        var clock = Stopwatch.StartNew();

        var problems = WorkflowLoader.Check(json.ToString(), "dups.json").Problems;

        Assert.IsLessThan(TimeSpan.FromSeconds(10), clock.Elapsed, "linear, not quadratic");
        Assert.HasCount(ProblemList.MaxProblems + 1, problems);
        StringAssert.Contains(problems[0].Message, "duplicate key 'k' (line 2");
        StringAssert.Contains(problems[^1].Message, $"{200_000 - 1 - ProblemList.MaxProblems} more problem(s) not listed");
    }

    [TestMethod]
    [DataRow("fan(100000000)", DisplayName = "rank 100,000,000")]
    [DataRow("fan(2147483647)", DisplayName = "rank int.MaxValue")]
    public void ARankTooLargeToRunIsRefused(string target)
    {
        var check = WorkflowLoader.Check(
            SampleWorkflows.With(w =>
                SampleWorkflows.Action(w, "start")["InvokeNext"] = new System.Text.Json.Nodes.JsonArray("middle", target)), "rank.json");

        Assert.IsTrue(
            check.Problems.Any(p =>
                p.JsonPath == "$.ActionList.fan" && p.Message.Contains($"at most {LimitRules.MaxRank} can run", StringComparison.Ordinal)),
            string.Join("\n", check.Problems));
    }

    [TestMethod]
    public void ManyLargeRanksTogetherAreRefused()
    {
        var json = SampleWorkflows.With(w =>
        {
            var list = w["ActionList"]!.AsObject();
            var next = new System.Text.Json.Nodes.JsonArray();
            for (var i = 0; i < 20; i++)
            {
                list[$"wide{i}"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["FaaSServer"] = "GH",
                    ["FunctionName"] = "w",
                    ["Type"] = "Python",
                };
                next.Add($"wide{i}({LimitRules.MaxRank})");
            }

            SampleWorkflows.Action(w, "no")["InvokeNext"] = next;
        });

        var check = WorkflowLoader.Check(json, "wide.json");

        StringAssert.Contains(check.Problems.Single(p => p.JsonPath == "$.ActionList").Message,
            $"at most {LimitRules.MaxInstances} can run");
    }

    [TestMethod]
    public void AMaxRuntimeATimerCannotWaitIsRefused()
    {
        var check = WorkflowLoader.Check(SampleWorkflows.With(w => SampleWorkflows.Action(w, "start")["MaxRuntime"] = int.MaxValue),
            "runtime.json");

        StringAssert.Contains(check.Problems.Single().Message, "the longest a timer can wait");
        Assert.AreEqual("$.ActionList.start.MaxRuntime", check.Problems.Single().JsonPath);
    }

    [TestMethod]
    public void AHugeWorkflowNameIsRefusedAndNotEchoedWhole()
    {
        var check = WorkflowLoader.Check(SampleWorkflows.With(w => w["WorkflowName"] = new string('W', 5_000_000)), "name.json");

        var problem = check.Problems.First(p => p.JsonPath == "$.WorkflowName");
        StringAssert.Contains(problem.Message, "is 5000000 characters long");
        Assert.IsLessThan(3000, check.Problems.Sum(p => p.Message.Length), "no problem echoes the whole name");
    }

    [TestMethod]
    public void TerminalControlCharactersFromTheFileAreEscapedInMessages()
    {
        const string Hostile = "\u001b]0;pwned-title\u0007\u001b[2J\u001b[31mFAKE: all ok\u001b[0m";
        var check = WorkflowLoader.Check(SampleWorkflows.With(w => SampleWorkflows.Action(w, "start")["FaaSServer"] = Hostile),
            "ansi.json");

        var message = check.Problems.Single().Message;
        Assert.DoesNotContain("\u001b", message);
        Assert.DoesNotContain("\u0007", message);
        StringAssert.Contains(message, "\\u001b]0;pwned-title\\u0007");
    }

    [TestMethod]
    public void AnEndlessFileIsAProblemNotAnOutOfMemory()
    {
        var check = WorkflowLoader.CheckFile("/dev/zero");

        StringAssert.Contains(check.Problems.Single().Message, $"larger than {WorkflowLoader.MaxFileBytes / (1024 * 1024)} MiB");
    }
}

using System.Text.Json.Nodes;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>Whatever the file holds, checking it reports problems and never throws.</summary>
[TestClass]
public sealed class WorkflowLoaderRobustnessTests
{
    private static readonly JsonNode?[] Replacements = [null, 0, -1, 1.5, "", "x(0)", true, new JsonArray(), new JsonObject(),
        new JsonArray(new JsonObject())];

    [TestMethod]
    public void EveryTruncationIsAProblemNotAnException()
    {
        var json = File.ReadAllText(RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json")).TrimEnd();

        for (var length = 0; length < json.Length; length++)
        {
            var check = WorkflowLoader.Check(json[..length], "truncated.json");

            Assert.IsFalse(check.IsValid, $"length {length}");
            Assert.AreEqual(check.Problems.Count, check.Problems.Count(p => p.File == "truncated.json"));
        }
    }

    [TestMethod]
    public void EveryValueReplacedByEveryKindOfValueNeverThrows()
    {
        var paths = new List<Func<JsonObject, (JsonNode Parent, object Key)>>();
        Collect(SampleWorkflows.ValidJson(), [], paths);

        Assert.IsGreaterThan(60, paths.Count);
        foreach (var locate in paths)
        {
            foreach (var replacement in Replacements)
            {
                var json = SampleWorkflows.With(w =>
                {
                    var (parent, key) = locate(w);
                    var value = replacement?.DeepClone();
                    if (key is string name)
                    {
                        parent[name] = value;
                    }
                    else
                    {
                        parent[(int)key] = value;
                    }
                });

                var check = WorkflowLoader.Check(json, "mutated.json");

                Assert.IsNotNull(check.Document, json);
            }
        }
    }

    /// <summary>One locator per value of the tree: given a fresh copy, it returns the value's parent and key.</summary>
    private static void Collect(JsonNode node, List<object> route, List<Func<JsonObject, (JsonNode, object)>> paths)
    {
        IEnumerable<(object Key, JsonNode? Child)> children = node switch
        {
            JsonObject obj => obj.Select(p => ((object)p.Key, p.Value)),
            JsonArray array => array.Select((child, index) => ((object)index, child)),
            _ => [],
        };
        foreach (var (key, child) in children.ToList())
        {
            var parentRoute = route.ToArray();
            paths.Add(root => (Walk(root, parentRoute), key));
            if (child is not null)
            {
                Collect(child, [.. route, key], paths);
            }
        }
    }

    private static JsonNode Walk(JsonNode root, IEnumerable<object> route) =>
        route.Aggregate(root, (node, key) => key is string name ? node[name]! : node[(int)key]!);
}

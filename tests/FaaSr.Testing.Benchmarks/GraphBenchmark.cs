using System.Diagnostics;
using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// `graph [--iterations N]`: parse, validate and build the graph of generated workflows: 10,000 ranked instances
/// (entry -> work(10000) -> join), a 5,000-action fan-out/fan-in and a 5,000-action chain. Each must stay well
/// under a second; the benchmark exits 1 when a median exceeds <see cref="BudgetMs"/>.
/// </summary>
internal static class GraphBenchmark
{
    public const string Name = "graph";
    public const string Description = "parse + validate + graph of generated workflows (10,000 ranked instances, 5,000-wide, 5,000-deep)";

    private const double BudgetMs = 1000;
    private const int DefaultIterations = 15;
    private const int WarmupIterations = 2;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!TryReadIterations(args, out var iterations))
        {
            Console.Error.WriteLine($"Usage: {Name} [--iterations N]   (N >= 1, default {DefaultIterations})");
            return 2;
        }

        var scenarios = new (string Name, JsonObject Workflow)[]
        {
            ("ranked-10000", RankedWorkflow(10_000)),
            ("wide-5000", WideWorkflow(5_000)),
            ("chain-5000", ChainWorkflow(5_000)),
        };

        var results = new JsonArray();
        var withinBudget = true;
        foreach (var (scenario, workflow) in scenarios)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var json = workflow.ToJsonString();
            var graph = WorkflowLoader.Parse(json, scenario);
            var timing = Measure(json, scenario, iterations, cancellationToken);
            withinBudget &= timing.MedianMs < BudgetMs;
            Console.WriteLine($"{scenario,-14} {graph.Actions.Count,6} actions {graph.Instances.Count,7} instances   {timing}");

            var result = timing.ToJson();
            result["scenario"] = scenario;
            result["actions"] = graph.Actions.Count;
            result["instances"] = graph.Instances.Count;
            result["jsonBytes"] = json.Length;
            results.Add(result);
        }

        var path = await BenchmarkArtifacts.WriteAsync(Name, new JsonObject
        {
            ["benchmark"] = Name,
            ["measured"] = "WorkflowLoader.Parse: JSON syntax check, reading, every validation rule, WorkflowGraph.Build",
            ["budgetMs"] = BudgetMs,
            ["withinBudget"] = withinBudget,
            ["finishedAt"] = DateTime.UtcNow.ToString("O"),
            ["runtime"] = Environment.Version.ToString(),
            ["processorCount"] = Environment.ProcessorCount,
            ["scenarios"] = results,
        }, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"Wrote {path}");
        if (!withinBudget)
        {
            Console.Error.WriteLine($"A median exceeded the budget of {BudgetMs} ms.");
        }

        return withinBudget ? 0 : 1;
    }

    private static TimingSummary Measure(string json, string scenario, int iterations, CancellationToken cancellationToken)
    {
        for (var i = 0; i < WarmupIterations; i++)
        {
            WorkflowLoader.Parse(json, scenario);
        }

        var durations = new List<TimeSpan>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            var graph = WorkflowLoader.Parse(json, scenario);
            var lastAction = graph.Actions[^1].Name;
            if (graph.PredecessorInstancesOf(lastAction).Count == 0)
            {
                throw new InvalidOperationException($"The last action of {scenario} has no predecessors; the generated workflow is wrong.");
            }

            durations.Add(Stopwatch.GetElapsedTime(started));
        }

        return TimingSummary.From(durations);
    }

    /// <summary>entry -> work(N) -> join: N ranked instances and a fan-in waiting for all of them.</summary>
    private static JsonObject RankedWorkflow(int ranks) => Workflow(
    [
        ("entry", new JsonArray($"work({ranks})")),
        ("work", new JsonArray("join")),
        ("join", new JsonArray()),
    ]);

    /// <summary>entry -> [branch1..branchN] -> join: N actions, 2N edges and an N-way fan-in.</summary>
    private static JsonObject WideWorkflow(int width)
    {
        var branches = Enumerable.Range(1, width).Select(i => $"branch{i}").ToArray();
        var actions = new List<(string, JsonArray)> { ("entry",
            new JsonArray(branches.Select(b => (JsonNode?)JsonValue.Create(b)).ToArray())) };
        actions.AddRange(branches.Select(b => (b, new JsonArray("join"))));
        actions.Add(("join", new JsonArray()));
        return Workflow(actions);
    }

    /// <summary>step1 -> step2 -> ... -> stepN: the deepest graph for the loop and reachability checks.</summary>
    private static JsonObject ChainWorkflow(int length) => Workflow(
        Enumerable.Range(1, length).Select(i => ($"step{i}", i < length ? new JsonArray($"step{i + 1}") : new JsonArray())).ToList());

    private static JsonObject Workflow(IReadOnlyList<(string Name, JsonArray InvokeNext)> actions)
    {
        var actionList = new JsonObject();
        var gitRepos = new JsonObject();
        foreach (var (name, invokeNext) in actions)
        {
            var functionName = name.Replace('-', '_');
            actionList[name] = new JsonObject
            {
                ["FaaSServer"] = "GH",
                ["FunctionName"] = functionName,
                ["Type"] = "Python",
                ["Arguments"] = new JsonObject { ["folder"] = "bench" },
                ["InvokeNext"] = invokeNext,
            };
            gitRepos[functionName] = "owner/repo/functions";
        }

        return new JsonObject
        {
            ["WorkflowName"] = "GraphBenchmark",
            ["FunctionInvoke"] = actions[0].Name,
            ["DefaultDataStore"] = "S3",
            ["ComputeServers"] = new JsonObject
            {
                ["GH"] = new JsonObject
                {
                    ["FaaSType"] = "GitHubActions",
                    ["UserName"] = "bench",
                    ["ActionRepoName"] = "bench",
                    ["Branch"] = "main",
                    ["UseSecretStore"] = true,
                },
            },
            ["DataStores"] = new JsonObject
            {
                ["S3"] = new JsonObject { ["Endpoint"] = "http://127.0.0.1:9000", ["Bucket"] = "bench", ["Region"] = "us-east-1" },
            },
            ["ActionList"] = actionList,
            ["FunctionGitRepo"] = gitRepos,
        };
    }

    private static bool TryReadIterations(string[] args, out int iterations)
    {
        iterations = DefaultIterations;
        return args.Length switch
        {
            0 => true,
            2 when args[0] == "--iterations" => int.TryParse(args[1], out iterations) && iterations >= 1,
            _ => false,
        };
    }
}

using System.Text.Json.Nodes;

namespace FaaSr.Testing.Benchmarks;

/// <summary>The entry -> work(N) -> join workflow of the scale benchmarks, on one S3 DataStore named "S3".</summary>
internal static class ScaleWorkflow
{
    public static JsonObject Json(string workflowName, string bucket, int ranks, string endpoint = "http://127.0.0.1:4568") => new()
    {
        ["WorkflowName"] = workflowName,
        ["FunctionInvoke"] = "entry",
        ["DefaultDataStore"] = "S3",
        ["FaaSrLog"] = "FaaSrLog",
        ["ComputeServers"] = new JsonObject
        {
            ["GH"] = new JsonObject
            {
                ["FaaSType"] = "GitHubActions",
                ["UserName"] = "bench",
                ["ActionRepoName"] = "repo",
                ["Branch"] = "main",
                ["UseSecretStore"] = true,
            },
        },
        ["DataStores"] = new JsonObject
        {
            ["S3"] = new JsonObject { ["Endpoint"] = endpoint, ["Bucket"] = bucket, ["Region"] = "us-east-1" },
        },
        ["ActionList"] = new JsonObject
        {
            ["entry"] = Action("entry_fn", new JsonArray($"work({ranks})")),
            ["work"] = Action("work_fn", new JsonArray("join")),
            ["join"] = Action("join_fn", []),
        },
        ["FunctionGitRepo"] = new JsonObject
        {
            ["entry_fn"] = "bench/repo/functions/Scale",
            ["work_fn"] = "bench/repo/functions/Scale",
            ["join_fn"] = "bench/repo/functions/Scale",
        },
    };

    private static JsonObject Action(string functionName, JsonArray invokeNext) => new()
    {
        ["FaaSServer"] = "GH",
        ["FunctionName"] = functionName,
        ["Type"] = "Python",
        ["InvokeNext"] = invokeNext,
    };
}

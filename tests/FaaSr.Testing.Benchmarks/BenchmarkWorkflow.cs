using System.Text.Json.Nodes;
using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Benchmarks;

/// <summary>What the local executor benchmarks share: a workflow on one GitHub Actions server and one S3 store, and the executor that runs it.</summary>
internal static class BenchmarkWorkflow
{
    /// <summary>The workflow's JSON; every function's code is in the folder given to <see cref="Executor"/> (FunctionGitRepo "owner/repo").</summary>
    public static string Json(string workflowName, string entry, string bucket, string endpoint, JsonObject actionList) => new JsonObject
    {
        ["WorkflowName"] = workflowName,
        ["FunctionInvoke"] = entry,
        ["DefaultDataStore"] = "S3",
        ["LoggingDataStore"] = "S3",
        ["FaaSrLog"] = "FaaSrLog",
        ["ComputeServers"] = new JsonObject
        {
            ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "u", ["ActionRepoName"] = "r", ["Branch"] = "main", ["UseSecretStore"] = true },
        },
        ["DataStores"] = new JsonObject { ["S3"] = new JsonObject { ["Endpoint"] = endpoint, ["Bucket"] = bucket, ["Region"] = "us-east-1" } },
        ["ActionList"] = actionList,
        ["FunctionGitRepo"] = new JsonObject(actionList
            .Select(action => action.Value!["FunctionName"]!.GetValue<string>())
            .Distinct()
            .Select(function => KeyValuePair.Create(function, (JsonNode?)"owner/repo"))),
    }.ToJsonString();

    /// <summary>A local executor for functions in <paramref name="functions"/>, every store being <paramref name="store"/>.</summary>
    public static LocalExecutor Executor(string functions, IObjectStore store) => new(new LocalExecutorOptions
    {
        FunctionsRoot = functions,
        Stores = _ => store,
        FunctionEnvironment = new Dictionary<string, string> { ["S3_AccessKey"] = LocalS3Server.AccessKey, ["S3_SecretKey"] = LocalS3Server.SecretKey },
    });
}

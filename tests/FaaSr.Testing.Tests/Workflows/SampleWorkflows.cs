using System.Text.Json.Nodes;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>Small valid workflow files for reader, validator and graph tests; tests mutate copies of them.</summary>
internal static class SampleWorkflows
{
    /// <summary>start -> [middle, "fan(3)"]; middle -> [{True: [yes], False: [no]}]; fan -> [join]; yes, no, join leaves.</summary>
    public const string Valid = """
        {
          "WorkflowName": "Sample",
          "FunctionInvoke": "start",
          "DefaultDataStore": "S3",
          "LoggingDataStore": "S3",
          "FaaSrLog": "",
          "ComputeServers": {
            "GH": { "FaaSType": "GitHubActions", "UserName": "someone", "ActionRepoName": "repo", "Branch": "main", "UseSecretStore": true }
          },
          "DataStores": {
            "S3": { "Endpoint": "http://127.0.0.1:4568", "Bucket": "bucket", "Region": "", "Writable": "true" }
          },
          "ActionList": {
            "start": { "FaaSServer": "GH", "FunctionName": "start_fn", "Type": "Python", "Arguments": null, "InvokeNext": ["middle", "fan(3)"] },
            "middle": { "FaaSServer": "GH", "FunctionName": "middle_fn", "Type": "R", "Arguments": { "folder": "out" }, "InvokeNext": [{ "True": ["yes"], "False": ["no"] }] },
            "yes": { "FaaSServer": "GH", "FunctionName": "yes_fn", "Type": "Python" },
            "no": { "FaaSServer": "GH", "FunctionName": "no_fn", "Type": "Python", "InvokeNext": [] },
            "fan": { "FaaSServer": "GH", "FunctionName": "fan_fn", "Type": "Python", "InvokeNext": ["join"] },
            "join": { "FaaSServer": "GH", "FunctionName": "join_fn", "Type": "Julia" }
          },
          "FunctionGitRepo": { "start_fn": "owner/repo/functions", "middle_fn": ["owner/repo/functions", "https://github.com/owner/other"] },
          "PyPIPackageDownloads": { "start_fn": ["pandas"] },
          "ActionContainers": { "start": "ghcr.io/faasr/github-actions-python:latest" },
          "Secrets": ["TEST_SECRET"],
          "PulumiSecretStore": { "anything": "goes" }
        }
        """;

    public static JsonObject ValidJson() => JsonNode.Parse(Valid)!.AsObject();

    /// <summary>The sample with one change applied, serialized back to text.</summary>
    public static string With(Action<JsonObject> change)
    {
        var json = ValidJson();
        change(json);
        return json.ToJsonString();
    }

    public static JsonObject Action(JsonObject workflow, string name) => workflow["ActionList"]![name]!.AsObject();
}

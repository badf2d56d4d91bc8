using System.Text.Json.Nodes;

namespace FaaSr.Testing.Tests.Support;

/// <summary>
/// The JSON of a small workflow of a test's own: Python actions run one after the other (each invokes the next) on
/// one GitHubActions server, their code in functions/{WorkflowName}/, data and logs in one data store's bucket. A test
/// adds what it needs (Arguments, Secrets, an InvocationID) to the object it gets.
/// </summary>
internal static class PythonChainWorkflow
{
    public static JsonObject Create(string name, IReadOnlyList<string> actions, string store = "S3", string? bucket = null)
    {
        var actionList = new JsonObject();
        var repositories = new JsonObject();
        for (var index = 0; index < actions.Count; index++)
        {
            var action = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = actions[index], ["Type"] = "Python" };
            if (index + 1 < actions.Count)
            {
                action["InvokeNext"] = new JsonArray(actions[index + 1]);
            }

            actionList[actions[index]] = action;
            repositories[actions[index]] = $"owner/repo/functions/{name}";
        }

        return new JsonObject
        {
            ["WorkflowName"] = name,
            ["FunctionInvoke"] = actions[0],
            ["DefaultDataStore"] = store,
            ["LoggingDataStore"] = store,
            ["FaaSrLog"] = "FaaSrLog",
            ["ComputeServers"] = new JsonObject
            {
                ["GH"] = new JsonObject
                {
                    ["FaaSType"] = "GitHubActions", ["UserName"] = "u", ["ActionRepoName"] = "r", ["Branch"] = "main", ["UseSecretStore"] = true,
                },
            },
            ["DataStores"] = new JsonObject
            {
                [store] = new JsonObject { ["Bucket"] = bucket ?? name.ToLowerInvariant() + "-bucket", ["Region"] = "us-east-1" },
            },
            ["ActionList"] = actionList,
            ["FunctionGitRepo"] = repositories,
        };
    }
}

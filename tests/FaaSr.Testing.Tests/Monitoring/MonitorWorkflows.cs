using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>Small valid workflows for monitor tests, all actions on one GitHub Actions server.</summary>
internal static class MonitorWorkflows
{
    public const string WorkflowName = "MonitorTest";

    /// <summary>
    /// A workflow whose first action is the entry. Each action is (name, InvokeNext JSON). Logs go to
    /// <paramref name="loggingBucket"/>; user data to <paramref name="defaultBucket"/> (the same bucket when null).
    /// </summary>
    public static WorkflowGraph Graph(string loggingBucket, params (string Name, string InvokeNext)[] actions) =>
        Graph(loggingBucket, null, actions);

    public static WorkflowGraph Graph(string loggingBucket, string? defaultBucket, params (string Name, string InvokeNext)[] actions)
    {
        var actionList = string.Join(",\n", actions.Select(a =>
            $$"""    "{{a.Name}}": { "FaaSServer": "GH", "FunctionName": "{{a.Name.Replace('-', '_')}}_fn", "Type": "Python", "InvokeNext": {{a.InvokeNext}} }"""));
        var stores = defaultBucket is null
            ? $$"""{ "S3": { "Endpoint": "http://127.0.0.1:4568", "Bucket": "{{loggingBucket}}" } }"""
            : $$"""
              {
                "S3": { "Endpoint": "http://127.0.0.1:4568", "Bucket": "{{defaultBucket}}" },
                "Logs": { "Endpoint": "http://127.0.0.1:4568", "Bucket": "{{loggingBucket}}" }
              }
              """;
        var json = $$"""
            {
              "WorkflowName": "{{WorkflowName}}",
              "FunctionInvoke": "{{actions[0].Name}}",
              "DefaultDataStore": "S3",
              "LoggingDataStore": {{(defaultBucket is null ? "\"S3\"" : "\"Logs\"")}},
              "FaaSrLog": "FaaSrLog",
              "ComputeServers": {
                "GH": { "FaaSType": "GitHubActions", "UserName": "someone", "ActionRepoName": "repo", "Branch": "main", "UseSecretStore": true }
              },
              "DataStores": {{stores}},
              "ActionList": {
            {{actionList}}
              }
            }
            """;
        return WorkflowLoader.Parse(json, $"{WorkflowName}.json");
    }
}

namespace FaaSr.Testing.Workflows;

/// <summary>
/// The log folder of one invocation, F = {FaaSrLog}/{WorkflowName}/{InvocationTimestamp}/{InvocationID}
/// (docs/faasr-semantics.md, "S3 layout"), and every key FaaSr writes under it.
/// </summary>
public sealed record InvocationFolder(string FaaSrLog, string WorkflowName, string InvocationTimestamp, string InvocationId)
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH-mm-ss";

    public string Prefix => $"{FaaSrLog.TrimEnd('/')}/{WorkflowName}/{InvocationTimestamp}/{InvocationId}";

    public string LogKey(FunctionInstance instance) => $"{Prefix}/{instance.Name}.txt";

    public string DoneKey(FunctionInstance instance) => $"{Prefix}/function_completions/{instance.CompletionName}.done";

    public string CandidateKey(string action) => $"{Prefix}/{action}.candidate";

    public string LockKey(string action) => $"{Prefix}/{action}/lock";

    public string FlagPrefix(string action) => $"{Prefix}/{action}/flag/";

    public string FlagKey(string action, long token) => $"{FlagPrefix(action)}{token}";

    public string CompletionsPrefix => $"{Prefix}/function_completions/";
}

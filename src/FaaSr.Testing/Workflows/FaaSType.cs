namespace FaaSr.Testing.Workflows;

/// <summary>
/// Everything faasr-it knows about one platform a FaaSr compute server can be (a ComputeServers FaaSType): the fields
/// validation requires, the line FaaSr's scheduler logs after a dispatch to it (which the local executor writes and the
/// monitor reads), and the variables that hold its credentials. <see cref="FaaSTypes"/> lists them all.
/// </summary>
public sealed record FaaSType
{
    /// <summary>The FaaSType value in the workflow file, e.g. "GitHubActions".</summary>
    public required string Name { get; init; }

    /// <summary>Server fields that must be non-empty strings for this type.</summary>
    public required IReadOnlyList<string> RequiredFields { get; init; }

    /// <summary>
    /// The scheduler's INFO text after a successful dispatch of an action to a server of this type, from the workflow
    /// name, the action, a job number and the time (the last two appear only in SLURM's and Kubernetes' lines).
    /// </summary>
    public required Func<DispatchFacts, string> DispatchLine { get; init; }

    /// <summary>
    /// A regular expression for the text of <see cref="DispatchLine"/> that comes before the action's name, written
    /// loosely enough for the variants FaaSr versions log (a missing colon, "submitted jobs" for "invoked").
    /// </summary>
    public required string DispatchPattern { get; init; }

    /// <summary>True when the dispatch line names the action as "{WorkflowName}-{action}".</summary>
    public bool LogsPrefixedName { get; init; }

    /// <summary>
    /// The variables a trigger reads for a server of this type when it starts the entry action (GH_PAT, AWS_AccessKey,
    /// ...), as FaaSr's invoke script names them.
    /// </summary>
    public required IReadOnlyList<string> TriggerCredentialVariables { get; init; }

    /// <summary>
    /// The suffixes of the per-server secrets an action reads from the secret store: server "GH" of type GitHubActions
    /// has "GH_PAT"; server "AWS" of type Lambda has "AWS_AccessKey" and "AWS_SecretKey".
    /// </summary>
    public required IReadOnlyList<string> ServerCredentialSuffixes { get; init; }

    /// <summary>The secret-store variables of the server named <paramref name="serverName"/>.</summary>
    public IEnumerable<string> CredentialVariablesOf(string serverName) =>
        ServerCredentialSuffixes.Select(suffix => $"{serverName}_{suffix}");

    public override string ToString() => Name;
}

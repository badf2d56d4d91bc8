using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>What a compute is given to run one invocation.</summary>
public sealed record ComputeStart
{
    /// <summary>The workflow as launched: its document carries the InvocationID and InvocationTimestamp.</summary>
    public required WorkflowGraph Graph { get; init; }

    /// <summary>The invocation's log folder, where the compute's functions must write their logs and .done files.</summary>
    public required InvocationFolder Folder { get; init; }

    public InvocationIdentity Identity => new(Folder.InvocationId, Folder.InvocationTimestamp);

    /// <summary>The stores of every DataStore, and the endpoints and credentials functions use to reach them.</summary>
    public required IRunStorage Storage { get; init; }

    /// <summary>The folder FunctionGitRepo paths are resolved under (for computes that run local code).</summary>
    public required string FunctionsRoot { get; init; }

    /// <summary>
    /// Variables functions see: {Store}_AccessKey/{Store}_SecretKey and the workflow's declared Secrets. Never printed.
    /// </summary>
    public required IReadOnlyDictionary<string, string> FunctionEnvironment { get; init; }

    /// <summary>
    /// Where the compute reports an instance that failed without a FaaSr log (its job died first): the session's
    /// monitor, which applies it at its next poll cycle unless S3 shows otherwise.
    /// </summary>
    public required IComputeFailureSink Failures { get; init; }
}

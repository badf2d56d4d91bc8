using System.Globalization;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// The FaaS types of FaaSr 2.x, one entry each (docs/faasr-semantics.md, "Compute servers"). Validation, the monitor's
/// dispatch patterns, the local executor's dispatch lines and secret masking all read this list, so a new type is one
/// entry here plus its tests.
/// </summary>
public static class FaaSTypes
{
    public static readonly FaaSType GitHubActions = new()
    {
        Name = "GitHubActions",
        RequiredFields = ["UserName", "ActionRepoName"],
        DispatchLine = facts => $"GitHub Action: Successfully invoked: {facts.Action}",
        DispatchPattern = "GitHub Action: Successfully invoked: ",
        TriggerCredentialVariables = ["GH_PAT"],
        ServerCredentialSuffixes = ["PAT"],
    };

    public static readonly FaaSType Lambda = new()
    {
        Name = "Lambda",
        RequiredFields = ["Region"],
        DispatchLine = facts => $"Lambda: Successfully invoked: {facts.Action}",
        DispatchPattern = "Lambda: Successfully invoked: ",
        TriggerCredentialVariables = ["AWS_AccessKey", "AWS_SecretKey"],
        ServerCredentialSuffixes = ["AccessKey", "SecretKey"],
    };

    /// <summary>FaaSr logs "Succesfully" (sic) and no colon for OpenWhisk.</summary>
    public static readonly FaaSType OpenWhisk = new()
    {
        Name = "OpenWhisk",
        RequiredFields = ["Endpoint", "Namespace"],
        DispatchLine = facts => $"OpenWhisk: Succesfully invoked {facts.Action}",
        DispatchPattern = "OpenWhisk: Succes{1,2}fully invoked:? ",
        TriggerCredentialVariables = ["OW_APIkey"],
        ServerCredentialSuffixes = ["APIkey"],
    };

    /// <summary>GoogleCloud's line names the deployed job, "{WorkflowName}-{action}".</summary>
    public static readonly FaaSType GoogleCloud = new()
    {
        Name = "GoogleCloud",
        RequiredFields = ["Namespace", "ClientEmail", "TokenUri", "Region"],
        DispatchLine = facts => $"GoogleCloud: Successfully invoked {facts.WorkflowName}-{facts.Action}",
        DispatchPattern = "GoogleCloud: Successfully invoked:? ",
        LogsPrefixedName = true,
        TriggerCredentialVariables = ["GCP_SecretKey"],
        ServerCredentialSuffixes = ["SecretKey"],
    };

    public static readonly FaaSType Slurm = new()
    {
        Name = "SLURM",
        RequiredFields = ["Endpoint", "UserName", "APIVersion", "Partition"],
        DispatchLine = facts =>
            $"SLURM: Successfully submitted job: {facts.Action} (Job ID: {facts.JobNumber.ToString(CultureInfo.InvariantCulture)})",
        DispatchPattern = "SLURM: Successfully submitted job: ",
        TriggerCredentialVariables = ["SLURM_Token"],
        ServerCredentialSuffixes = ["Token"],
    };

    /// <summary>FaaSr logs a Python tuple here (a stray comma in its f-string), so the line shows the tuple's repr.</summary>
    public static readonly FaaSType Kubernetes = new()
    {
        Name = "Kubernetes",
        RequiredFields = ["Endpoint"],
        DispatchLine = facts =>
            $"('Kubernetes: Successfully submitted jobs: {facts.Action} (Job ID: {KubernetesJobId(facts)})', " +
            $"'(Created at: {facts.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})')",
        DispatchPattern = "Kubernetes: Successfully (?:invoked|submitted jobs?|created jobs?):? ",
        TriggerCredentialVariables = ["K8s_Token"],
        ServerCredentialSuffixes = ["Token"],
    };

    /// <summary>Every type, in the order FaaSr's schema lists them.</summary>
    public static IReadOnlyList<FaaSType> All { get; } = [GitHubActions, Lambda, OpenWhisk, GoogleCloud, Slurm, Kubernetes];

    /// <summary>The type named <paramref name="name"/> (case-sensitive, as FaaSr's schema is), or null.</summary>
    public static FaaSType? Find(string name) => All.FirstOrDefault(type => string.Equals(type.Name, name, StringComparison.Ordinal));

    /// <summary>The type of <paramref name="server"/>; throws for a type validation would have refused.</summary>
    public static FaaSType Of(ComputeServer server) =>
        Find(server.FaaSType) ?? throw new InvalidOperationException(
            $"Server '{server.Name}' has FaaSType '{server.FaaSType}', which is not one of {string.Join(", ", All.Select(t => t.Name))}.");

    /// <summary>A Kubernetes job uid: a UUID, made from the job number so a run's lines can be reproduced.</summary>
    private static Guid KubernetesJobId(DispatchFacts facts)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, facts.JobNumber);
        BitConverter.TryWriteBytes(bytes[8..], facts.At.UtcTicks);
        return new Guid(bytes);
    }
}

using System.Globalization;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The INFO text FaaSr's scheduler logs after a successful dispatch, which depends on the target action's server
/// type (spec §2.2). A local run writes the same text so that a monitor reading the log sees a cloud run.
/// </summary>
internal static class DispatchLogLine
{
    /// <param name="jobNumber">The job number a SLURM line reports (any unique number for a local run).</param>
    public static string For(ComputeServer targetServer, string workflowName, string action, long jobNumber, DateTimeOffset now) =>
        targetServer.FaaSType switch
        {
            "GitHubActions" => $"GitHub Action: Successfully invoked: {action}",
            "Lambda" => $"Lambda: Successfully invoked: {action}",
            "OpenWhisk" => $"OpenWhisk: Succesfully invoked {action}",
            "GoogleCloud" => $"GoogleCloud: Successfully invoked {workflowName}-{action}",
            "SLURM" => $"SLURM: Successfully submitted job: {action} (Job ID: {jobNumber.ToString(CultureInfo.InvariantCulture)})",

            // FaaSr logs a tuple here (a stray comma in its f-string), so the record shows Python's tuple repr.
            "Kubernetes" => $"('Kubernetes: Successfully submitted jobs: {action} (Job ID: {Guid.NewGuid()})', " +
                            $"'(Created at: {now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})')",
            _ => throw new InvalidOperationException($"Action '{action}' is on server '{targetServer.Name}' of unknown FaaSType '{targetServer.FaaSType}'."),
        };
}

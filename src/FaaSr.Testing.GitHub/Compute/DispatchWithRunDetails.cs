using Octokit;

namespace FaaSr.Testing.GitHub.Compute;

/// <summary>
/// A workflow_dispatch that asks GitHub for the run it made (<c>return_run_details</c>, GitHub's changelog of
/// 2026-02-19). Octokit 14 does not know the field: it serializes this subclass's property as
/// <c>"return_run_details": true</c> beside <c>ref</c> and <c>inputs</c>.
/// </summary>
public sealed class DispatchWithRunDetails(string reference) : CreateWorkflowDispatch(reference)
{
    public bool ReturnRunDetails { get; set; } = true;
}

/// <summary>
/// GitHub's 200 answer to a dispatch with <c>return_run_details</c>; a 204 (a GitHub Enterprise Server without the
/// feature, or the field dropped) has no body. Settable properties, since Octokit's deserializer sets them.
/// </summary>
public sealed record DispatchRunDetails
{
    public long WorkflowRunId { get; set; }

    public string? RunUrl { get; set; }

    public string? HtmlUrl { get; set; }
}

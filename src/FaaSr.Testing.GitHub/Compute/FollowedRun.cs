namespace FaaSr.Testing.GitHub.Compute;

/// <summary>
/// One Actions run the github compute follows: which instance it is for (null when the workflow has no instance
/// left for it: more runs than ranks), its page, what GitHub last said of it, and whether its failure was reported.
/// </summary>
internal sealed record FollowedRun(
    long Id, FollowedRepository Repository, string Action, string? Instance, string HtmlUrl, string Status, string? Conclusion)
{
    /// <summary>The conclusions of a job that ended without doing its work.</summary>
    public static readonly IReadOnlySet<string> FailedConclusions =
        new HashSet<string>(["failure", "cancelled", "timed_out", "startup_failure"], StringComparer.Ordinal);

    public bool Completed => Status == "completed";

    public bool Failed => Completed && Conclusion is not null && FailedConclusions.Contains(Conclusion);

    public bool FailureReported { get; init; }
}

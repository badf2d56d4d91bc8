namespace FaaSr.Testing.GitHub.Compute;

/// <summary>How the <see cref="GitHubCompute"/> reaches GitHub and follows the runs it dispatched.</summary>
public sealed record GitHubComputeOptions
{
    /// <summary>The API root (--github-api-url); null: GITHUB_API_URL, else https://api.github.com/.</summary>
    public string? ApiUrl { get; init; }

    /// <summary>
    /// The workflow file's path in the repository, which FaaSr's actions read through PAYLOAD_URL; null:
    /// <c>workflows/{WorkflowName}.json</c>, where this repository keeps its workflows.
    /// </summary>
    public string? WorkflowPath { get; init; }

    /// <summary>
    /// Time between two looks at the repository's Actions runs (one request per repository and branch each, however
    /// many actions). GitHub allows 5,000 requests an hour per token; 5 s costs 720.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When the session ends, how long runs not seen completed get to complete (a job ends a little after FaaSr wrote
    /// its last object) before they are cancelled.
    /// </summary>
    public TimeSpan EndGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// While following, how long GitHub may keep failing (5xx or no answer after the connection's own retries) before
    /// the run stops with the error: each failing look is one line and the next poll tries again. A 401, 403 or 404
    /// stops it at once, since waiting cannot mend it.
    /// </summary>
    public TimeSpan OutageTolerance { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many of a failed job's last log lines go into the instance's reason.</summary>
    public int JobLogTailLines { get; init; } = 20;

    /// <summary>A rate limit that resets later than this ends the run with an error instead of being waited for.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The delay before the first retry after a 5xx (doubling after).</summary>
    public TimeSpan ServerErrorDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Lines for the person running it: waits for rate limits, a workflow file that differs from the pushed one.</summary>
    public Action<string>? Report { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

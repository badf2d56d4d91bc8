namespace FaaSr.Testing.Storage;

/// <summary>
/// How transient faults (timeouts, 5xx, throttling, refused or reset connections) are retried:
/// <paramref name="MaxAttempts"/> tries in all, waiting <paramref name="BaseDelay"/> doubled after each failure
/// (capped at <paramref name="MaxDelay"/>), with jitter when <paramref name="UseJitter"/> is set, and no further
/// attempt once <see cref="Budget"/> has passed since the first (<see cref="UnreachableBudget"/> when the server
/// refuses connections: a stopped server is reported soon, a restarted one is still reached).
/// </summary>
public sealed record RetrySettings(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, bool UseJitter)
{
    /// <summary>
    /// Up to 30 attempts within 30 s (5 s while connections are refused), 200 ms base, exponential with jitter, at most
    /// 4 s between attempts: long enough to ride out a burst of 503 SlowDown or resets, as AWS advises for throttling.
    /// </summary>
    public static RetrySettings Default { get; } =
        new(MaxAttempts: 30, BaseDelay: TimeSpan.FromMilliseconds(200), MaxDelay: TimeSpan.FromSeconds(4), UseJitter: true)
        {
            Budget = TimeSpan.FromSeconds(30),
            UnreachableBudget = TimeSpan.FromSeconds(5),
        };

    /// <summary>No attempt starts after this much time since the first; null: only <see cref="MaxAttempts"/> limits.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>The budget while the server refuses connections; null: <see cref="Budget"/>.</summary>
    public TimeSpan? UnreachableBudget { get; init; }

    /// <summary>One attempt: every fault is thrown at once.</summary>
    public static RetrySettings None { get; } = Default with { MaxAttempts = 1 };

    public void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt is needed.");
        }

        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(
                nameof(BaseDelay), BaseDelay, $"Delays must satisfy 0 <= BaseDelay <= MaxDelay ({MaxDelay}).");
        }
    }
}

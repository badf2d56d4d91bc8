namespace FaaSr.Testing.Storage;

/// <summary>
/// How transient faults (timeouts, 5xx, throttling, refused or reset connections) are retried:
/// <paramref name="MaxAttempts"/> tries in all, waiting <paramref name="BaseDelay"/> doubled after each failure
/// (capped at <paramref name="MaxDelay"/>), with jitter when <paramref name="UseJitter"/> is set.
/// </summary>
public sealed record RetrySettings(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, bool UseJitter)
{
    /// <summary>4 attempts, 100 ms base, exponential with jitter, at most 2 s between attempts.</summary>
    public static RetrySettings Default { get; } =
        new(MaxAttempts: 4, BaseDelay: TimeSpan.FromMilliseconds(100), MaxDelay: TimeSpan.FromSeconds(2), UseJitter: true);

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

namespace FaaSr.Testing.Storage;

/// <summary>Tuning of an <see cref="S3ObjectStore"/>; the defaults suit tests against a local server.</summary>
public sealed record S3ObjectStoreOptions
{
    public RetrySettings Retry { get; init; } = RetrySettings.Default;

    /// <summary>Keys asked for per ListObjectsV2 page (1..1000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Deadline of one HTTP request; a request that exceeds it counts as a transient fault.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
        if (ListPageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(ListPageSize), ListPageSize, "A page holds 1 to 1000 keys.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "The request timeout must be positive.");
        }
    }
}

using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Local;

/// <summary>How to start a <see cref="LocalS3Server"/>; the defaults find everything on their own.</summary>
public sealed record LocalS3ServerOptions
{
    /// <summary>
    /// Path to s3rver's <c>bin/s3rver.js</c> (or to the s3rver package folder). Null: the environment variable
    /// <c>FAASR_IT_S3RVER</c>, then <c>node_modules/s3rver</c> above the current directory or the application folder,
    /// then the per-user install (npm installs it there the first time); see <see cref="S3rverLocator.FindScriptAsync"/>.
    /// </summary>
    public string? S3rverPath { get; init; }

    /// <summary>The node executable. Null: <c>node</c> found on PATH.</summary>
    public string? NodePath { get; init; }

    /// <summary>Where s3rver and node are looked for when no path is given; null: this process's folders, cache and PATH.</summary>
    public S3rverSearch? Search { get; init; }

    /// <summary>
    /// Where s3rver keeps buckets and objects. Null: a fresh temporary folder, deleted on dispose unless
    /// <see cref="KeepDataDirectory"/> is set. A folder given here is never deleted.
    /// </summary>
    public string? DataDirectory { get; init; }

    public bool KeepDataDirectory { get; init; }

    /// <summary>The loopback port; 0 lets the operating system pick a free one (no race with other servers).</summary>
    public int Port { get; init; }

    /// <summary>How long node may take to listen and answer its first request.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Let s3rver log every request (kept in the output tail shown when it fails).</summary>
    public bool LogRequests { get; init; }

    /// <summary>Options for the stores <see cref="LocalS3Server.OpenStore"/> returns.</summary>
    public S3ObjectStoreOptions StoreOptions { get; init; } = new();

    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "A port is 0 (any free port) or 1..65535.");
        }

        if (StartTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StartTimeout), StartTimeout, "The start timeout must be positive.");
        }

        ArgumentNullException.ThrowIfNull(StoreOptions, nameof(StoreOptions));
        StoreOptions.Validate();
    }
}

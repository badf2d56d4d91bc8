using FaaSr.Testing.Profiles;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>How a <see cref="LocalComputeLauncher"/> provides storage and runs functions.</summary>
public sealed record LocalComputeLauncherOptions
{
    /// <summary>Where declared Secrets and, for the cloud profile, {Store}_AccessKey/{Store}_SecretKey are read.</summary>
    public required SettingSources Settings { get; init; }

    /// <summary>The local S3 server of the local profile.</summary>
    public LocalS3ServerOptions S3Server { get; init; } = new();

    /// <summary>
    /// Put every DataStore at this endpoint instead (an S3 server already running, e.g. MinIO), for either profile:
    /// credentials are {Store}_AccessKey/{Store}_SecretKey from <see cref="Settings"/> and missing buckets are created.
    /// Null: the profile decides (a fresh local S3 server, or the workflow's own endpoints).
    /// </summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary>Store tuning for real endpoints (the cloud profile's, or <see cref="S3Endpoint"/>).</summary>
    public S3ObjectStoreOptions EndpointStoreOptions { get; init; } = new();

    /// <summary>The Python interpreter; null means python3 found on PATH.</summary>
    public string? PythonInterpreter { get; init; }

    /// <summary>At most this many function instances run at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Wait this long between a dispatch and the successor's start, to behave more like a cloud run.</summary>
    public TimeSpan DispatchDelay { get; init; } = TimeSpan.Zero;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

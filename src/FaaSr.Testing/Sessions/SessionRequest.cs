namespace FaaSr.Testing.Sessions;

/// <summary>
/// What the caller asked for: a profile and, optionally, a compute or storage other than the profile's (by name, or
/// an instance of the caller's own). Null fields fall back to the settings (FAASR_IT_PROFILE, FAASR_IT_COMPUTE,
/// FAASR_IT_STORAGE), then the profile.
/// </summary>
public sealed record SessionRequest
{
    /// <summary>"local" or "cloud" (--env); null: FAASR_IT_PROFILE, else local.</summary>
    public string? Profile { get; init; }

    /// <summary>A compute name (--compute), replacing the profile's.</summary>
    public string? Compute { get; init; }

    /// <summary>A storage name (--storage), replacing the profile's.</summary>
    public string? Storage { get; init; }

    /// <summary>Every DataStore at this endpoint (--s3-endpoint): storage "endpoint" unless another is named.</summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary>The caller's own compute; wins over <see cref="Compute"/>.</summary>
    public IWorkflowCompute? ComputeBackend { get; init; }

    /// <summary>The caller's own storage; wins over <see cref="Storage"/> and <see cref="S3Endpoint"/>.</summary>
    public IWorkflowStorage? StorageBackend { get; init; }

    /// <summary>
    /// Every store behind a loopback proxy that injects S3 faults at this rate (--s3-faults): see
    /// <see cref="FaultInjectingStorage"/>. Null: no faults.
    /// </summary>
    public Storage.Faults.RandomFaults? S3Faults { get; init; }

    /// <summary>The invocation time and the computes' clock; null: the system clock.</summary>
    public TimeProvider? Clock { get; init; }
}

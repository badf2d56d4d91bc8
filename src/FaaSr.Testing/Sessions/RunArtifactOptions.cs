using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Sessions;

/// <summary>What <see cref="RunArtifacts"/> needs beyond the session: the secrets to mask, and where the run's user data lives.</summary>
public sealed record RunArtifactOptions
{
    /// <summary>Masks secret values in the kept logs and object keys; null keeps them as they are.</summary>
    public SecretRedactor? Secrets { get; init; }

    /// <summary>The run's user data in the DefaultDataStore ("integration-tests/{InvocationID}/"), listed with the log folder; null lists the log folder only.</summary>
    public string? UserDataPrefix { get; init; }
}

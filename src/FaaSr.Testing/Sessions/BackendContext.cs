using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Sessions;

/// <summary>What a backend factory of a <see cref="BackendCatalog"/> may use to build its compute or storage.</summary>
public sealed record BackendContext(SettingSources Settings, Uri? S3Endpoint, TimeProvider Clock);

using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Tests.Sessions;

/// <summary>
/// Launchers of the cloud profile's storage (the workflow's own endpoints) with the emulated compute, as the session
/// tests compose them.
/// </summary>
internal static class CloudLaunchers
{
    /// <summary>The credentials of the local S3 server, as a workflow's S3 DataStore asks for them.</summary>
    public static SettingSources LocalServerCredentials() =>
        Settings(new Dictionary<string, string> { ["S3_AccessKey"] = LocalS3Server.AccessKey, ["S3_SecretKey"] = LocalS3Server.SecretKey });

    public static SettingSources Settings(IReadOnlyDictionary<string, string> values) => new(values, null, _ => null);

    /// <summary>Storage "workflow" and compute "emulated", from <paramref name="settings"/> (default: the local server's keys).</summary>
    public static WorkflowLauncher Emulated(SettingSources? settings = null) =>
        SessionComposer.Compose(
            new SessionRequest { Profile = "cloud", Compute = "emulated" }, settings ?? LocalServerCredentials(), LocalBackends.Catalog());
}

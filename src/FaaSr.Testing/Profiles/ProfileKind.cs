namespace FaaSr.Testing.Profiles;

/// <summary>
/// Where a workflow runs. Local: a local S3 server and the local executor, no account needed.
/// Cloud: the workflow's own S3 endpoint and compute servers, with credentials from the environment or .env.
/// </summary>
public enum ProfileKind
{
    Local,
    Cloud,
}

using FaaSr.Testing.Profiles;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// Storage at real S3 endpoints, signed with {Store}_AccessKey and {Store}_SecretKey from the settings: "workflow"
/// puts every DataStore at the workflow's own endpoint (AWS when it names none); "endpoint" puts all of them at one
/// endpoint given instead (an S3 server already running, e.g. MinIO), where missing buckets are created. The objects
/// outlive the session.
/// </summary>
public sealed class EndpointStorage(SettingSources settings, Uri? endpoint = null, S3ObjectStoreOptions? options = null) : IWorkflowStorage
{
    public const string WorkflowName = "workflow";
    public const string EndpointName = "endpoint";

    public string Name => endpoint is null ? WorkflowName : EndpointName;

    public string Description => endpoint is null
        ? "the workflow's own DataStore endpoints, credentials {Store}_AccessKey/{Store}_SecretKey from the environment or .env"
        : $"every DataStore at {endpoint}, credentials {{Store}}_AccessKey/{{Store}}_SecretKey from the environment or .env";

    public async Task<IRunStorage> OpenAsync(WorkflowDocument document, CancellationToken cancellationToken) =>
        await EndpointRunStorage.OpenAsync(document, settings, options ?? new S3ObjectStoreOptions(), endpoint, cancellationToken);
}

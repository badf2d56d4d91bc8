using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Sessions;

/// <summary>
/// The "local" storage: each session starts its own s3rver on loopback holding every DataStore of the workflow (each
/// bucket created), with s3rver's credentials; it stops, and its data folder is removed, with the session.
/// </summary>
public sealed class LocalS3ServerStorage(LocalS3ServerOptions? options = null) : IWorkflowStorage
{
    private readonly LocalS3ServerOptions options = options ?? new LocalS3ServerOptions();

    public string Name => StorageNames.Local;

    public string Description => "a local S3 server (s3rver on 127.0.0.1) holds every DataStore";

    public async Task<IRunStorage> OpenAsync(WorkflowDocument document, CancellationToken cancellationToken) =>
        await LocalS3Storage.StartAsync(document, options, cancellationToken);
}

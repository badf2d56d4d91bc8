using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// Where a run's objects live: a kind of storage ("local": a fresh local S3 server; "workflow": the workflow's own
/// DataStore endpoints; "endpoint": one S3 endpoint for every DataStore). It opens the stores of one workflow.
/// </summary>
public interface IWorkflowStorage
{
    /// <summary>The name a profile, --storage or the run record uses.</summary>
    string Name { get; }

    /// <summary>One line on where the objects live; never a secret.</summary>
    string Description { get; }

    /// <summary>Opens (or starts) a store for every DataStore of <paramref name="document"/>, creating buckets where the storage owns them.</summary>
    Task<IRunStorage> OpenAsync(WorkflowDocument document, CancellationToken cancellationToken);
}

using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// One launched invocation of a workflow: its graph (with the InvocationID and timestamp decided at launch), its log
/// folder, a store per DataStore and the monitor watching it. Made by a <see cref="WorkflowLauncher"/>. Disposing
/// it stops everything the launch started (function processes, monitoring, local servers), also after failures.
/// </summary>
public interface IWorkflowSession : IAsyncDisposable
{
    /// <summary>The profile that launched it: "local" or "cloud".</summary>
    string Profile { get; }

    /// <summary>The storage's name: "local", "workflow", "endpoint", or a test's own.</summary>
    string StorageName { get; }

    /// <summary>The compute's name: "emulated", or a test's own.</summary>
    string ComputeName { get; }

    /// <summary>The workflow as launched: InvocationID and InvocationTimestamp are set in its document.</summary>
    WorkflowGraph Graph { get; }

    /// <summary>The invocation's log folder in the LoggingDataStore.</summary>
    InvocationFolder Folder { get; }

    string InvocationId { get; }

    /// <summary>Watches the invocation through S3; it runs from the start of the functions until the run ends.</summary>
    WorkflowMonitor Monitor { get; }

    /// <summary>The monitor's run: ends with its result when monitoring ends. Pending until the functions start.</summary>
    Task<MonitorResult> Monitoring { get; }

    /// <summary>Where the objects live, for messages ("s3rver at http://127.0.0.1:4568, data in /tmp/...").</summary>
    string StorageDescription { get; }

    /// <summary>The compute's page for an instance (an Actions run), when it has one.</summary>
    string? RunUrlOf(string instanceName);

    /// <summary>The compute's page for the whole run, when it has one.</summary>
    string? RunUrl { get; }

    /// <summary>The FaaSr code the compute runs (empty until it started, and for computes that run none).</summary>
    IReadOnlyList<RunRecordSource> Sources { get; }

    /// <summary>The store behind a DataStore name of the workflow.</summary>
    IObjectStore StoreFor(string dataStoreName);

    /// <summary>
    /// Ends the run but keeps the storage: monitoring stops (instances not final yet end skipped, and
    /// <see cref="Monitoring"/> completes), then every function process still running is stopped and waited for.
    /// Idempotent; disposing does it too.
    /// </summary>
    Task StopAsync();

    /// <summary>
    /// Keeps the stored objects after dispose where the profile would otherwise remove them with the storage itself
    /// (the local S3 server's data folder); <see cref="StorageDescription"/> says where they are.
    /// </summary>
    void RetainStorage();
}

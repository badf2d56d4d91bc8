using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// Attaches to an invocation that something else started (another faasr-it, GitHub Actions, a FaaSr user): it opens
/// the storage that holds the invocation's log folder and watches it there, exactly as a launched run is watched, until
/// it ends; an invocation that already ended is read and concluded at once. Nothing is started and nothing written.
/// </summary>
public sealed class InvocationAttacher
{
    /// <summary>What the session shows as its compute: none of faasr-it's, the run is only watched.</summary>
    public const string AttachedComputeName = "attached";

    /// <param name="profile">The profile name the run record shows.</param>
    /// <param name="storage">Where the invocation's objects are.</param>
    public InvocationAttacher(string profile, IWorkflowStorage storage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profile);
        Profile = profile;
        Storage = storage ?? throw new ArgumentNullException(nameof(storage));
    }

    public string Profile { get; }

    public IWorkflowStorage Storage { get; }

    /// <summary>One line on where the objects are read.</summary>
    public string Description => $"storage {Storage.Name} ({Storage.Description})";

    /// <summary>
    /// Opens storage, finds the invocation's log folder (the timestamp given, else the document's InvocationTimestamp,
    /// else the one folder of the workflow's log folder that holds the InvocationID), runs
    /// <paramref name="beforeWatching"/> and starts the monitor.
    /// </summary>
    /// <exception cref="InvocationSetupException">No such invocation in the storage (bad input).</exception>
    public async Task<IWorkflowSession> AttachAsync(
        WorkflowGraph graph,
        string invocationId,
        string? invocationTimestamp,
        MonitorOptions? monitor,
        Func<IWorkflowSession, CancellationToken, Task>? beforeWatching,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentException.ThrowIfNullOrWhiteSpace(invocationId);
        var storage = await Storage.OpenAsync(graph.Document, cancellationToken);
        WorkflowSession? session = null;
        try
        {
            var store = storage.StoreFor(graph.Document.EffectiveLoggingDataStore);
            var timestamp = invocationTimestamp ?? graph.Document.InvocationTimestamp
                ?? await FindTimestampAsync(store, graph, invocationId, cancellationToken);
            var folder = graph.FolderFor(timestamp, invocationId);
            await RequireObjectsAsync(store, graph, folder, cancellationToken);
            var attached = WorkflowGraph.Build(new InvocationIdentity(invocationId, timestamp).ApplyTo(graph.Document));
            session = new WorkflowSession(Profile, Storage.Name, AttachedComputeName, attached, folder, storage, monitor ?? new MonitorOptions());
            if (beforeWatching is not null)
            {
                await beforeWatching(session, cancellationToken);
            }

            session.StartWatching();
            return session;
        }
        catch
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
            else
            {
                await storage.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The timestamp folder of {FaaSrLog}/{WorkflowName}/ that holds {invocationId}/: listing stops at the first.</summary>
    private static async Task<string> FindTimestampAsync(IObjectStore store, WorkflowGraph graph, string invocationId, CancellationToken cancellationToken)
    {
        var workflowFolder = $"{graph.Document.EffectiveFaaSrLog.TrimEnd('/')}/{graph.WorkflowName}/";
        var marker = $"/{invocationId}/";
        await foreach (var stored in store.ListAsync(workflowFolder, cancellationToken))
        {
            var rest = stored.Key.AsSpan(workflowFolder.Length);
            var slash = rest.IndexOf('/');
            if (slash > 0 && rest[slash..].StartsWith(marker, StringComparison.Ordinal))
            {
                return rest[..slash].ToString();
            }
        }

        throw new InvocationSetupException(
            $"No invocation '{invocationId}' of workflow '{graph.WorkflowName}' in bucket '{store.Bucket}': nothing under {workflowFolder}*/{invocationId}/. Check the InvocationID, the storage (--s3-endpoint, --storage) and the workflow's FaaSrLog.");
    }

    /// <summary>
    /// The entry action's log is the first object of an invocation: one HEAD, rather than a listing that a big finished
    /// run makes slow (the monitor lists the folder right after).
    /// </summary>
    private static async Task RequireObjectsAsync(IObjectStore store, WorkflowGraph graph, InvocationFolder folder, CancellationToken cancellationToken)
    {
        foreach (var entry in graph.InstancesOf(graph.EntryAction))
        {
            if (await store.ExistsAsync(folder.LogKey(entry), cancellationToken) || await store.ExistsAsync(folder.DoneKey(entry), cancellationToken))
            {
                return;
            }
        }

        throw new InvocationSetupException(
            $"No invocation '{folder.InvocationId}' of workflow '{graph.WorkflowName}' in bucket '{store.Bucket}': no log of its entry action under {folder.Prefix}/. Check the InvocationID, the timestamp and the storage (--s3-endpoint, --storage); an invocation can be watched once its entry action has started.");
    }
}

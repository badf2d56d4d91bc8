using System.Security.Cryptography;
using System.Text;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Comparison;

/// <summary>
/// What one run left, in a form two runs of the same workflow on different computes can be compared by: each
/// instance's final status, and every object of every DataStore with the run's InvocationID and InvocationTimestamp
/// replaced by placeholders in its key. User data (objects outside the FaaSrLog folder) keeps a digest of its content,
/// with the same placeholders put in; FaaSr's own objects (logs, .done, candidate files) are compared by key only,
/// since their content is log text whose timing and wording differ between computes. faasr-it's own bookkeeping
/// ({FaaSrLog}/.faasr-it/) is left out.
/// </summary>
public sealed record RunSnapshot(string ComputeName, string InvocationId, IReadOnlyDictionary<string, FunctionStatus> Statuses, IReadOnlyDictionary<string, SnapshotObject> Objects)
{
    public const string InvocationIdPlaceholder = "{InvocationID}";
    public const string TimestampPlaceholder = "{InvocationTimestamp}";

    /// <summary>Reads the session's storage after its monitoring ended (before the session is disposed).</summary>
    public static Task<RunSnapshot> CaptureAsync(IWorkflowSession session, MonitorResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return CaptureAsync(session.ComputeName, session.Graph.Document, session.Folder, session.StoreFor, result, cancellationToken);
    }

    /// <summary>Reads the stores of <paramref name="document"/>'s DataStores after a run of the invocation in <paramref name="folder"/>.</summary>
    public static async Task<RunSnapshot> CaptureAsync(
        string computeName, WorkflowDocument document, InvocationFolder folder, Func<string, IObjectStore> storeFor, MonitorResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(storeFor);
        ArgumentNullException.ThrowIfNull(result);
        var logFolder = document.EffectiveFaaSrLog.TrimEnd('/') + "/";
        var objects = new SortedDictionary<string, SnapshotObject>(StringComparer.Ordinal);
        foreach (var store in document.DataStores.Keys.Order(StringComparer.Ordinal))
        {
            var objectStore = storeFor(store);
            await foreach (var stored in objectStore.ListAsync(string.Empty, cancellationToken))
            {
                var isLog = stored.Key.StartsWith(logFolder, StringComparison.Ordinal);
                if (isLog && stored.Key.StartsWith(logFolder + ".faasr-it/", StringComparison.Ordinal))
                {
                    continue;
                }

                var key = $"{store}:{Normalise(stored.Key, folder.InvocationId, folder.InvocationTimestamp)}";
                if (isLog)
                {
                    objects[key] = new SnapshotObject(SnapshotObjectKind.FaaSrLog, null, null);
                    continue;
                }

                var content = await objectStore.GetAsync(stored.Key, cancellationToken) ?? [];
                var text = Normalise(Encoding.UTF8.GetString(content), folder.InvocationId, folder.InvocationTimestamp);
                objects[key] = new SnapshotObject(SnapshotObjectKind.UserData, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), Preview(text));
            }
        }

        return new RunSnapshot(
            computeName,
            folder.InvocationId,
            result.Functions.ToDictionary(f => f.Name, f => f.Status, StringComparer.Ordinal),
            objects);
    }

    private static string Normalise(string text, string invocationId, string timestamp) =>
        text.Replace(invocationId, InvocationIdPlaceholder, StringComparison.Ordinal).Replace(timestamp, TimestampPlaceholder, StringComparison.Ordinal);

    private static string Preview(string text)
    {
        var line = text.ReplaceLineEndings("\\n");
        return line.Length <= 80 ? line : line[..77] + "...";
    }
}

/// <summary>One object of a <see cref="RunSnapshot"/>: a digest and the start of its content for user data, nothing for FaaSr's objects.</summary>
public sealed record SnapshotObject(SnapshotObjectKind Kind, string? Digest, string? Preview);

public enum SnapshotObjectKind
{
    /// <summary>An object FaaSr writes under the FaaSrLog folder: compared by key only.</summary>
    FaaSrLog,

    /// <summary>An object functions wrote: compared by key and content.</summary>
    UserData,
}

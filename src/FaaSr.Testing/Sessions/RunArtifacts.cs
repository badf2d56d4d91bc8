using System.Text;
using System.Text.Json;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Sessions;

/// <summary>
/// What is kept beside a run record (artifacts/runs/{workflow}-{invocationId}.json) once its run ends, in a folder of
/// the same name: logs/{instance}.txt (every instance's log, secrets masked), graph.json (the actions and their
/// successors, to draw the run) and objects.json (the objects the run left in storage). A green run keeps them too:
/// the report renders from them after the tester has removed the run's objects.
/// </summary>
public static class RunArtifacts
{
    /// <summary>At most this many objects are listed per prefix, so a huge bucket cannot stall the end of a run.</summary>
    public const int MaxListedObjects = 10_000;

    /// <summary>artifacts/runs/{workflow}-{invocationId}.json gives artifacts/runs/{workflow}-{invocationId}.</summary>
    public static string FolderOf(string recordPath) => Path.ChangeExtension(Path.GetFullPath(recordPath), null);

    public static string LogsFolder(string artifactsFolder) => Path.Combine(artifactsFolder, "logs");

    public static string LogPath(string artifactsFolder, string instanceName) => Path.Combine(LogsFolder(artifactsFolder), SafeFileName(instanceName) + ".txt");

    public static string GraphPath(string artifactsFolder) => Path.Combine(artifactsFolder, "graph.json");

    public static string ObjectsPath(string artifactsFolder) => Path.Combine(artifactsFolder, "objects.json");

    /// <summary>Writes the logs, graph and objects of <paramref name="session"/> beside the record at <paramref name="recordPath"/>.</summary>
    public static async Task SaveAsync(IWorkflowSession session, string recordPath, RunArtifactOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new RunArtifactOptions();
        var folder = FolderOf(recordPath);
        Directory.CreateDirectory(LogsFolder(folder));
        foreach (var state in session.Monitor.Snapshot().Where(s => s.LogText.Length > 0))
        {
            var text = options.Secrets?.Redact(state.LogText) ?? state.LogText;
            await WriteAtomicallyAsync(LogPath(folder, state.Name), Encoding.UTF8.GetBytes(text), cancellationToken);
        }

        var graph = RunGraphSnapshot.From(session.Graph);
        await WriteAtomicallyAsync(GraphPath(folder), JsonSerializer.SerializeToUtf8Bytes(graph, RunArtifactsJsonContext.Default.RunGraphSnapshot), cancellationToken);

        var objects = await ListObjectsAsync(session, options, cancellationToken);
        if (objects is not null)
        {
            var masked = options.Secrets is null ? objects : objects.Select(o => o with { Key = options.Secrets.Redact(o.Key) }).ToList();
            await WriteAtomicallyAsync(ObjectsPath(folder), JsonSerializer.SerializeToUtf8Bytes(masked, RunArtifactsJsonContext.Default.ListRunObject), cancellationToken);
        }
    }

    public static async Task<RunGraphSnapshot?> ReadGraphAsync(string artifactsFolder, CancellationToken cancellationToken)
    {
        var path = GraphPath(artifactsFolder);
        return File.Exists(path) ? await ReadAsync(path, RunArtifactsJsonContext.Default.RunGraphSnapshot, cancellationToken) : null;
    }

    public static async Task<IReadOnlyList<RunObject>?> ReadObjectsAsync(string artifactsFolder, CancellationToken cancellationToken)
    {
        var path = ObjectsPath(artifactsFolder);
        return File.Exists(path) ? await ReadAsync(path, RunArtifactsJsonContext.Default.ListRunObject, cancellationToken) : null;
    }

    /// <summary>Instance names are letters, digits, '-', '_' and "(rank)"; anything else (a path separator) becomes '_'.</summary>
    public static string SafeFileName(string instanceName) =>
        string.Concat(instanceName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '(' or ')' ? c : '_')) switch
        {
            "" or "." or ".." => "_",
            var name => name,
        };

    /// <summary>The log folder's objects and the user data's; null when storage cannot be listed (the run's end is not failed for it).</summary>
    private static async Task<List<RunObject>?> ListObjectsAsync(IWorkflowSession session, RunArtifactOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var objects = new List<RunObject>();
            var loggingStore = session.Graph.Document.EffectiveLoggingDataStore;
            objects.AddRange(await ListAsync(session.StoreFor(loggingStore), loggingStore, session.Folder.Prefix + "/", cancellationToken));
            if (options.UserDataPrefix is { Length: > 0 } userData)
            {
                var defaultStore = session.Graph.Document.DefaultDataStore;
                objects.AddRange(await ListAsync(session.StoreFor(defaultStore), defaultStore, userData, cancellationToken));
            }

            return objects;
        }
        catch (ObjectStoreException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<RunObject>> ListAsync(IObjectStore store, string storeName, string prefix, CancellationToken cancellationToken)
    {
        var listed = new List<RunObject>();
        await foreach (var stored in store.ListAsync(prefix, cancellationToken))
        {
            listed.Add(new RunObject(storeName, stored.Key, stored.Size));
            if (listed.Count >= MaxListedObjects)
            {
                break;
            }
        }

        return listed;
    }

    private static async Task<T?> ReadAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Cannot read '{path}': {exception.Message}", exception);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

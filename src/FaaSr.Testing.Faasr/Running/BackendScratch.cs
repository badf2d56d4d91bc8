using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Faasr.Running;

/// <summary>
/// What FaaSr-Backend writes under /tmp while an action runs (in the cloud each action has a fresh container, so it
/// never sees the last one's): /tmp/functions/{InvocationID} (the downloaded code), /tmp/{repo}.tar.gz (the tarball,
/// left behind when extraction fails), /tmp/packages (PyPI packages) and /tmp/Rlibs (R packages), and
/// /tmp/{FaaSrLog}/{WorkflowName}/{InvocationTimestamp}/{InvocationID} (the .done flag and fan-in candidate files).
/// The faasr compute removes them after every action, holding the machine-wide action lock, so the next action starts
/// as clean as in the cloud and nothing is left when the run ends.
/// </summary>
internal sealed class BackendScratch(string root, InvocationFolder folder, IReadOnlyList<string> repositoryNames)
{
    /// <summary>The backend writes to this folder by name, whatever TMPDIR says.</summary>
    public const string BackendRoot = "/tmp";

    /// <summary>Every path the backend may leave for this invocation.</summary>
    public IReadOnlyList<string> Paths =>
    [
        Path.Combine(root, "functions", folder.InvocationId),
        .. repositoryNames.Select(name => Path.Combine(root, $"{name}.tar.gz")),
        Path.Combine(root, "packages"),
        Path.Combine(root, "Rlibs"),
        Path.Combine(root, folder.Prefix),
    ];

    /// <summary>Removes them, then the folders above them the backend made that are now empty; returns what it removed.</summary>
    public IReadOnlyList<string> Remove()
    {
        var removed = new List<string>();
        foreach (var path in Paths)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                    removed.Add(path);
                }
                else if (File.Exists(path))
                {
                    File.Delete(path);
                    removed.Add(path);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new Errors.EnvironmentProblemException(
                    $"Cannot remove {path}, which FaaSr-Backend left for this run: {exception.Message}", exception);
            }
        }

        // functions/ and the FaaSrLog/{WorkflowName}/{InvocationTimestamp} chain, when nothing else is in them.
        RemoveEmpty(Path.Combine(root, "functions"));
        var chain = folder.Prefix.Split('/');
        for (var depth = chain.Length - 1; depth >= 1; depth--)
        {
            RemoveEmpty(Path.Combine([root, .. chain[..depth]]));
        }

        return removed;
    }

    private static void RemoveEmpty(string path)
    {
        try
        {
            if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path);
            }
        }
        catch (IOException)
        {
            // Another process wrote into it meanwhile: it is not ours to remove.
        }
    }
}

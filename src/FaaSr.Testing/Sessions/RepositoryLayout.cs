namespace FaaSr.Testing.Sessions;

/// <summary>
/// Where things are in a faasr-it repository: the root holds FaaSr.Testing.slnx; workflows/, functions/, .env and
/// artifacts/ (everything a run writes) are under it.
/// </summary>
public sealed record RepositoryLayout(string Root)
{
    public const string MarkerFile = "FaaSr.Testing.slnx";

    public string EnvFile => Path.Combine(Root, ".env");

    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>artifacts/runs: one run record per run, rewritten while it is watched.</summary>
    public string RunsFolder => Path.Combine(Artifacts, "runs");

    /// <summary>artifacts/runs/{workflow}-{invocationId}.json</summary>
    public string RunRecordPath(string workflowName, string invocationId) => Path.Combine(RunsFolder, $"{workflowName}-{invocationId}.json");

    /// <summary>A path given relative to the repository root (absolute paths stay as they are).</summary>
    public string Resolve(string path) => Path.GetFullPath(path, Root);

    /// <summary>
    /// The path of <paramref name="file"/> in the faasr-it repository holding it, with '/' ("workflows/X.json"), as a
    /// GitHub repository of it would hold the file; null when no repository holds it.
    /// </summary>
    public static string? PathInRepository(string file)
    {
        var full = Path.GetFullPath(file);
        try
        {
            var relative = Path.GetRelativePath(Find(Path.GetDirectoryName(full)!).Root, full);
            return relative.StartsWith("..", StringComparison.Ordinal) ? null : relative.Replace(Path.DirectorySeparatorChar, '/');
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The repository holding <paramref name="start"/> (a folder or file): the nearest folder upwards with FaaSr.Testing.slnx.</summary>
    public static RepositoryLayout Find(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, MarkerFile)))
            {
                return new RepositoryLayout(folder.FullName);
            }
        }

        throw new DirectoryNotFoundException($"No {MarkerFile} in '{start}' or any folder above it: run from inside a faasr-it repository.");
    }

    /// <summary>
    /// The repository around the current directory or the application, else the current directory taken as one
    /// (artifacts/, .env in it): how a verb run outside any faasr-it repository still finds and keeps its files.
    /// </summary>
    public static RepositoryLayout FindFromHereOrCurrentFolder()
    {
        try
        {
            return FindFromHere();
        }
        catch (DirectoryNotFoundException)
        {
            return new RepositoryLayout(Directory.GetCurrentDirectory());
        }
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> in which <paramref name="relativePath"/> exists; null when none.</summary>
    public static string? FindHolding(string relativePath, string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (Path.Exists(Path.Combine(folder.FullName, relativePath)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>The repository above the current directory, else above the application's folder.</summary>
    public static RepositoryLayout FindFromHere()
    {
        try
        {
            return Find(Directory.GetCurrentDirectory());
        }
        catch (DirectoryNotFoundException)
        {
            return Find(AppContext.BaseDirectory);
        }
    }
}

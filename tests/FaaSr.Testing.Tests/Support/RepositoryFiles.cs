namespace FaaSr.Testing.Tests.Support;

/// <summary>Files of the repository itself (workflows/, functions/), found by walking up to FaaSr.Testing.slnx.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "FaaSr.Testing.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No FaaSr.Testing.slnx above {AppContext.BaseDirectory}.");
    }
}

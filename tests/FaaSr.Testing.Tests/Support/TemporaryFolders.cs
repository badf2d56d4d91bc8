namespace FaaSr.Testing.Tests.Support;

/// <summary>Fresh folders under the temporary folder for one test, all removed (with what is in them) on dispose.</summary>
internal sealed class TemporaryFolders : IDisposable
{
    private readonly List<string> folders = [];

    /// <summary>A new empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public string New(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        folders.Add(folder);
        return folder;
    }

    public void Dispose()
    {
        foreach (var folder in folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

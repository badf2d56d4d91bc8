namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Lays an action's code out as FaaSr 2.1 downloads it at each action start: a fresh folder per instance, holding
/// every <see cref="FunctionCodePlacement"/> at its download path. FaaSr puts only this folder on sys.path, so an
/// absolute import of a sibling module ("from utils import x") fails here as it does in the cloud.
/// </summary>
internal static class FunctionDownload
{
    /// <summary>Folders the downloaded code never holds: git's own data and byte code from local runs.</summary>
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "__pycache__" };

    public static void Place(FunctionSource source, string downloadRoot)
    {
        Directory.CreateDirectory(downloadRoot);
        foreach (var placement in source.Placements)
        {
            var target = Path.GetFullPath(Path.Combine(downloadRoot, placement.DownloadPath));
            if (Directory.Exists(placement.LocalPath))
            {
                CopyFolder(placement.LocalPath, target);
            }
            else if (File.Exists(placement.LocalPath))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(placement.LocalPath, target, overwrite: true);
            }
        }
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(folder);
            if (!SkippedFolders.Contains(name) && !new DirectoryInfo(folder).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                CopyFolder(folder, Path.Combine(target, name));
            }
        }
    }
}

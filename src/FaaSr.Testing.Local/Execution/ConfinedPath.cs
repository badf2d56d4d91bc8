namespace FaaSr.Testing.Local.Execution;

/// <summary>Whether a path stays inside a folder once every symbolic link on the way is followed.</summary>
internal static class ConfinedPath
{
    private const int MaxLinks = 40;

    public static bool IsInside(string path, string folder)
    {
        var real = RealPath(Path.GetFullPath(path), 0);
        var resolvedFolder = RealPath(Path.GetFullPath(folder), 0);
        if (real is null || resolvedFolder is null)
        {
            return false;
        }

        var root = Path.TrimEndingDirectorySeparator(resolvedFolder);
        return (real == root || real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    /// <summary>The path with every existing link resolved, as realpath(3) gives it; null for a link loop.</summary>
    private static string? RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinks)
        {
            return null;
        }

        var root = Path.GetPathRoot(fullPath) ?? string.Empty;
        var current = root;
        foreach (var segment in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, segment);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                var resolved = RealPath(Path.GetFullPath(target, current), depth + 1);
                if (resolved is null)
                {
                    return null;
                }

                next = resolved;
            }

            current = next;
        }

        return current;
    }
}

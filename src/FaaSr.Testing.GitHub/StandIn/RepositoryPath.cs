namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>Paths inside a served repository: '/'-separated, relative, with no '.', '..' or empty segments.</summary>
internal static class RepositoryPath
{
    /// <summary>The normalised path, "" for the root, or null when it would leave the repository.</summary>
    public static string? Normalize(string path)
    {
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Any(s => s is "." or ".." || s.Contains('\0', StringComparison.Ordinal)) ? null : string.Join('/', segments);
    }

    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string? Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }
}

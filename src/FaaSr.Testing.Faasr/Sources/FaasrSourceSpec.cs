namespace FaaSr.Testing.Faasr.Sources;

/// <summary>
/// How a source was given: a local folder (used in place), or a git repository with an optional "@ref"
/// (<c>https://host/o/r.git@v2.1.0</c>, <c>/path/to/repo.git@main</c>, <c>../FaaSr-Backend@my-branch</c>), cloned
/// into the cache. A folder with a ref, or a bare repository, is a git repository; without a ref its HEAD is used.
/// </summary>
public sealed record FaasrSourceSpec(string Given, string Location, string? Ref, bool IsFolder)
{
    public static FaasrSourceSpec Parse(string given, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(given);
        var text = given.Trim();
        var (location, reference) = SplitRef(text);
        var isUrl = location.Contains("://", StringComparison.Ordinal) || location.StartsWith("git@", StringComparison.Ordinal);
        if (isUrl)
        {
            return new FaasrSourceSpec(given, location, reference, IsFolder: false);
        }

        var path = Path.GetFullPath(ExpandHome(location), baseDirectory);
        var isFolder = reference is null && Directory.Exists(path) && !IsBareRepository(path);
        return new FaasrSourceSpec(given, path, reference, isFolder);
    }

    /// <summary>Splits "location@ref" at the last '@' that is not part of "user@host" at the start.</summary>
    private static (string Location, string? Ref) SplitRef(string text)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return (text, null);
        }

        var reference = text[(at + 1)..];

        // "git@github.com:o/r.git" has its '@' before the host: a ref never holds ':' or '/' followed by a host part.
        if (text.StartsWith("git@", StringComparison.Ordinal) && at == 3)
        {
            return (text, null);
        }

        return reference.Contains(':', StringComparison.Ordinal) ? (text, null) : (text[..at], reference);
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : string.Empty)
            : path;

    private static bool IsBareRepository(string path) =>
        File.Exists(Path.Combine(path, "HEAD")) && Directory.Exists(Path.Combine(path, "objects"))
            && Directory.Exists(Path.Combine(path, "refs"));
}

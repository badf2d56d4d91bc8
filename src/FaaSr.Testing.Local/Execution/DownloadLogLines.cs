namespace FaaSr.Testing.Local.Execution;

/// <summary>The records FaaSr 2.1's faasr_install_git_repos writes for one FunctionGitRepo entry, in its order.</summary>
internal static class DownloadLogLines
{
    public static IEnumerable<(FaaSrLogLevel Level, string Message)> For(string repo)
    {
        var parts = repo.Split('/');
        if (repo.StartsWith("https://github.com", StringComparison.Ordinal) && parts.Length == 5)
        {
            yield return (FaaSrLogLevel.INFO, $"Cloning GitHub repo: {repo}");
            yield break;
        }

        var fileName = parts[^1];
        if (fileName.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".r", StringComparison.OrdinalIgnoreCase))
        {
            yield return (FaaSrLogLevel.INFO, $"Get file: {fileName}");
            yield return (FaaSrLogLevel.DEBUG, $"Successfully fetched raw file from GitHub: {repo}");
            yield break;
        }

        yield return (FaaSrLogLevel.INFO, $"Get git repo files: {repo}");
        var inside = repo.StartsWith("https://github.com", StringComparison.Ordinal)
            ? string.Join('/', parts.Skip(7))
            : string.Join('/', parts.Skip(2));
        yield return inside.Length > 0
            ? (FaaSrLogLevel.INFO, $"Successfully downloaded GitHub repo sub folder: {inside}")
            : (FaaSrLogLevel.INFO, $"Successfully downloaded GitHub repo: {string.Join('/', repo.StartsWith("https://github.com", StringComparison.Ordinal) ? parts.Skip(3).Take(2) : parts.Take(2))}");
    }
}

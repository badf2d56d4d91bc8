namespace FaaSr.Testing.Files;

/// <summary>
/// Where faasr-it keeps what is slow to make and the same for every run of this user (Debian root file systems,
/// FaaSr source checkouts, the s3rver install): <c>FAASR_IT_CACHE</c>, else <c>$XDG_CACHE_HOME/faasr-it</c>, else
/// <c>~/.cache/faasr-it</c>. Outside any repository, so a fresh clone on the same machine (CI), or a test project
/// elsewhere, pays for them once.
/// </summary>
public static class UserCacheFolder
{
    public const string Variable = "FAASR_IT_CACHE";

    /// <param name="environment">Reads an environment variable (the process's, or a test's own).</param>
    public static string Resolve(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(Variable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var cacheHome = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(Path.GetFullPath(cacheHome), "faasr-it");
    }
}

namespace FaaSr.Testing.Containers;

/// <summary>
/// Where slow-to-make inputs are kept between runs (the Debian root file systems): <c>FAASR_IT_CACHE</c>, else
/// <c>$XDG_CACHE_HOME/faasr-it</c>, else <c>~/.cache/faasr-it</c>. Outside the repository, so a fresh clone on the
/// same machine (CI) pays for them once.
/// </summary>
public static class ContainerCache
{
    public const string Variable = "FAASR_IT_CACHE";

    public static string Directory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(Variable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var cacheHome = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheHome, "faasr-it");
    }
}

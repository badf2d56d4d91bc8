using FaaSr.Testing.Files;

namespace FaaSr.Testing.Containers;

/// <summary>
/// Where slow-to-make inputs are kept between runs (the Debian root file systems): the user's faasr-it cache
/// (<see cref="UserCacheFolder"/>: <c>FAASR_IT_CACHE</c>, else <c>$XDG_CACHE_HOME/faasr-it</c>, else
/// <c>~/.cache/faasr-it</c>).
/// </summary>
public static class ContainerCache
{
    public const string Variable = UserCacheFolder.Variable;

    public static string Directory(Func<string, string?> environment) => UserCacheFolder.Resolve(environment);
}

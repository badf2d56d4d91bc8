using FaaSr.Testing.Files;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Local;

/// <summary>
/// Where <see cref="S3rverLocator"/> looks for s3rver when no path is given: node_modules/s3rver above each of
/// <see cref="StartFolders"/> (the repository's, or one installed beside the tool), then the per-user install under
/// <see cref="CacheFolder"/>, which npm (found on <see cref="SearchPath"/>) fills the first time.
/// </summary>
public sealed record S3rverSearch
{
    /// <summary>Folders whose ancestors may hold node_modules/s3rver: the current folder and the tool's own.</summary>
    public required IReadOnlyList<string> StartFolders { get; init; }

    /// <summary>The user's faasr-it cache (<see cref="UserCacheFolder"/>); s3rver goes into s3rver/{version}/ under it.</summary>
    public required string CacheFolder { get; init; }

    /// <summary>The PATH that node and npm are looked up on.</summary>
    public required string SearchPath { get; init; }

    /// <summary>How long one npm install may take before it is stopped.</summary>
    public TimeSpan InstallTimeLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Receives a line when s3rver is being installed (it takes seconds, once).</summary>
    public Action<string> Notes { get; init; } = line => Console.Error.WriteLine(line);

    /// <summary>This process's: the current folder and the application's, the user's cache, PATH.</summary>
    public static S3rverSearch FromEnvironment() => new()
    {
        StartFolders = [Directory.GetCurrentDirectory(), AppContext.BaseDirectory],
        CacheFolder = UserCacheFolder.Resolve(Environment.GetEnvironmentVariable),
        SearchPath = Environment.GetEnvironmentVariable("PATH") ?? string.Empty,
    };

    /// <summary>The full path of the first <paramref name="program"/> on <see cref="SearchPath"/>; null when none.</summary>
    public string? FindOnPath(string program)
    {
        var fileName = OperatingSystem.IsWindows() ? program + (program == "npm" ? ".cmd" : ".exe") : program;
        return ExecutablePath.Find(fileName, SearchPath);
    }
}

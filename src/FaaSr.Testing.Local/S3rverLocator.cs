namespace FaaSr.Testing.Local;

/// <summary>Finds the node executable and s3rver's command-line script, installing s3rver for this user when needed.</summary>
public static class S3rverLocator
{
    public const string ScriptEnvironmentVariable = "FAASR_IT_S3RVER";

    private static readonly string ScriptInPackage = Path.Combine("bin", "s3rver.js");

    private static readonly string PackageUnderNodeModules = Path.Combine("node_modules", "s3rver");

    /// <summary>
    /// The full path of <c>s3rver.js</c>, the first of: <paramref name="explicitPath"/>; <c>FAASR_IT_S3RVER</c>;
    /// <c>node_modules/s3rver</c> of the pinned version in a start folder of <paramref name="search"/> or any folder
    /// above it (the repository's, or one installed beside the tool); the per-user install, made with npm the first
    /// time (<see cref="S3rverUserInstall"/>). A given path may name the script or the s3rver package folder.
    /// </summary>
    /// <param name="search">Where to look; null means this process's folders, cache and PATH.</param>
    /// <exception cref="LocalS3ServerException">A given path holds no s3rver, or none is found and it cannot be installed.</exception>
    public static async Task<string> FindScriptAsync(string? explicitPath, S3rverSearch? search, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return ResolveGivenScript(explicitPath, "the options");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ScriptEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return ResolveGivenScript(fromEnvironment, $"the environment variable {ScriptEnvironmentVariable}");
        }

        search ??= S3rverSearch.FromEnvironment();
        var version = S3rverPackage.PinnedVersion();
        return FindBeside(search, version)
            ?? await S3rverUserInstall.EnsureAsync(
                search, version, $"no {PackageUnderNodeModules} {version} above {string.Join(" or ", search.StartFolders.Select(f => $"'{f}'"))}",
                cancellationToken);
    }

    /// <summary>s3rver.js of node_modules/s3rver at the pinned version above a start folder; null when there is none.</summary>
    public static string? FindBeside(S3rverSearch search, string version)
    {
        ArgumentNullException.ThrowIfNull(search);
        foreach (var start in search.StartFolders)
        {
            for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            {
                var package = Path.Combine(folder.FullName, PackageUnderNodeModules);
                var script = Path.Combine(package, ScriptInPackage);

                // Another project's s3rver of another version is passed over: faasr-it is tested with the pinned one.
                if (File.Exists(script) && S3rverPackage.InstalledVersion(package) == version)
                {
                    return script;
                }
            }
        }

        return null;
    }

    /// <summary>The node executable: <paramref name="explicitPath"/> if given, else <c>node</c> on PATH.</summary>
    public static string FindNode(string? explicitPath, S3rverSearch? search = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new LocalS3ServerException($"The node executable '{explicitPath}' given in the options does not exist.");
        }

        return (search ?? S3rverSearch.FromEnvironment()).FindOnPath("node")
            ?? throw new LocalS3ServerException(
                "Cannot find 'node' on PATH; install Node.js 20 or later with npm (on Debian: apt-get install nodejs npm) to run the local S3 server.");
    }

    private static string ResolveGivenScript(string givenPath, string source)
    {
        var fullPath = Path.GetFullPath(givenPath);
        if (File.Exists(fullPath))
        {
            return fullPath;
        }

        var inPackage = Path.Combine(fullPath, ScriptInPackage);
        if (File.Exists(inPackage))
        {
            return inPackage;
        }

        throw new LocalS3ServerException(
            $"The s3rver path '{givenPath}' from {source} is neither s3rver.js nor a folder holding {ScriptInPackage}.");
    }
}

namespace FaaSr.Testing.Local;

/// <summary>Finds the node executable and s3rver's command-line script.</summary>
public static class S3rverLocator
{
    public const string ScriptEnvironmentVariable = "FAASR_IT_S3RVER";

    private static readonly string ScriptInPackage = Path.Combine("bin", "s3rver.js");

    private static readonly string ScriptUnderRepository = Path.Combine("node_modules", "s3rver", "bin", "s3rver.js");

    /// <summary>
    /// The full path of <c>s3rver.js</c>: <paramref name="explicitPath"/> if given, else <c>FAASR_IT_S3RVER</c>, else
    /// <c>node_modules/s3rver/bin/s3rver.js</c> in the current directory, the application folder or any folder above them.
    /// A given path may name the script or the s3rver package folder.
    /// </summary>
    public static string FindScript(string? explicitPath)
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

        string[] starts = [Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
        foreach (var start in starts)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, ScriptUnderRepository);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new LocalS3ServerException(
            $"Cannot find s3rver: no {ScriptUnderRepository} above '{starts[0]}' or '{starts[1]}'. " +
            $"Run 'npm ci' in the repository root, or set {ScriptEnvironmentVariable} to the path of s3rver.js.");
    }

    /// <summary>The node executable: <paramref name="explicitPath"/> if given, else <c>node</c> on PATH.</summary>
    public static string FindNode(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new LocalS3ServerException($"The node executable '{explicitPath}' given in the options does not exist.");
        }

        var fileName = OperatingSystem.IsWindows() ? "node.exe" : "node";
        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new LocalS3ServerException(
            $"Cannot find '{fileName}' on PATH; install Node.js (20 or later) to run the local S3 server.");
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

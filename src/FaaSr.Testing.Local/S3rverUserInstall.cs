using FaaSr.Testing.Files;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Local;

/// <summary>
/// s3rver installed once for this user, outside any repository: {cache}/s3rver/{version}/node_modules/s3rver, made by
/// npm ci from the embedded package.json and package-lock.json (<see cref="S3rverPackage"/>). One process installs at
/// a time (a lock file beside it); npm works in a fresh .partial folder that is renamed into place only when s3rver.js
/// is there, so a crashed or cancelled install leaves nothing that looks installed, and the next one starts over.
/// </summary>
internal static class S3rverUserInstall
{
    private static readonly string ScriptUnderInstall = Path.Combine("node_modules", "s3rver", "bin", "s3rver.js");

    /// <summary>{cache}/s3rver/{version}</summary>
    public static string FolderFor(S3rverSearch search, string version) => Path.Combine(search.CacheFolder, "s3rver", version);

    /// <summary>s3rver.js of the install when it is complete; null when it is not there.</summary>
    public static string? Existing(S3rverSearch search, string version) =>
        Path.Combine(FolderFor(search, version), ScriptUnderInstall) is var script && File.Exists(script) ? script : null;

    /// <summary>The install's s3rver.js, installing it first when it is missing.</summary>
    /// <param name="notFoundElsewhere">Where else s3rver was looked for, for the error when it cannot be installed.</param>
    /// <exception cref="LocalS3ServerException">npm or node is missing, or npm failed (its last lines are in the message).</exception>
    public static async Task<string> EnsureAsync(S3rverSearch search, string version, string notFoundElsewhere, CancellationToken cancellationToken)
    {
        var folder = FolderFor(search, version);
        if (Existing(search, version) is { } ready)
        {
            return ready;
        }

        var npm = search.FindOnPath("npm");
        var node = search.FindOnPath("node");
        if (npm is null || node is null)
        {
            var missing = npm is null && node is null ? "neither node nor npm is" : npm is null ? "npm is not" : "node is not";
            throw new LocalS3ServerException(
                $"s3rver {version} is not installed ({notFoundElsewhere}; not in {folder}), and {missing} on PATH to install it. " +
                "Install Node.js 20 or later with npm (on Debian: apt-get install nodejs npm), or set " +
                $"{S3rverLocator.ScriptEnvironmentVariable} to the path of an s3rver.js.");
        }

        var parent = Path.GetDirectoryName(folder)!;
        CreateFolder(parent);
        using var turn = await ExclusiveFileLock.AcquireAsync(folder + ".lock", TimeProvider.System, cancellationToken);
        if (Existing(search, version) is { } installedMeanwhile)
        {
            return installedMeanwhile;
        }

        RemoveLeftovers(parent, version);
        var partial = $"{folder}.partial-{Guid.NewGuid():N}";
        try
        {
            CreateFolder(partial);
            await S3rverPackage.WriteManifestsAsync(partial, cancellationToken);
            search.Notes($"Installing s3rver {version} into {folder} with npm (once for this user) ...");
            await RunNpmCiAsync(search, npm, partial, version, cancellationToken);
            if (!File.Exists(Path.Combine(partial, ScriptUnderInstall)))
            {
                throw new LocalS3ServerException($"npm ci of s3rver {version} in {partial} succeeded but left no {ScriptUnderInstall}.");
            }

            if (Directory.Exists(folder))
            {
                // Only an install someone emptied by hand gets here (a complete one returned above).
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(partial, folder);
        }
        finally
        {
            DeleteQuietly(partial);
        }

        return Path.Combine(folder, ScriptUnderInstall);
    }

    private static async Task RunNpmCiAsync(S3rverSearch search, string npm, string folder, string version, CancellationToken cancellationToken)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? string.Empty, StringComparer.Ordinal);
        environment["PATH"] = search.SearchPath;
        string[] arguments = ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--no-update-notifier"];
        var exit = await ChildProcess.RunAsync(
            new ProcessLaunch(npm, arguments, folder, environment, string.Empty) { TimeLimit = search.InstallTimeLimit },
            TimeProvider.System,
            cancellationToken);
        if (exit.TimedOut)
        {
            throw new LocalS3ServerException(
                $"npm ci of s3rver {version} in {folder} did not finish within {search.InstallTimeLimit.TotalMinutes:0.#} minutes " +
                $"and was stopped. Its last lines:{Environment.NewLine}{exit.OutputTail}");
        }

        if (exit.ExitCode != 0)
        {
            throw new LocalS3ServerException(
                $"npm ci of s3rver {version} in {folder} failed with exit code {exit.ExitCode} (is the npm registry reachable?). " +
                $"Its last lines:{Environment.NewLine}{exit.OutputTail}");
        }
    }

    // A .partial folder is only ever in use by the lock holder, which is this process now: what is there was left by a
    // process that died while installing.
    private static void RemoveLeftovers(string parent, string version)
    {
        foreach (var leftover in Directory.EnumerateDirectories(parent, version + ".partial-*"))
        {
            DeleteQuietly(leftover);
        }
    }

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LocalS3ServerException(
                $"Cannot create '{folder}' to install s3rver: {exception.Message} (set {UserCacheFolder.Variable} to a folder you can write).",
                exception);
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A later install removes it (RemoveLeftovers).
        }
    }
}

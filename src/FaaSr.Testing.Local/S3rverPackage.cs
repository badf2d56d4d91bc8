using System.Text.Json;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Local;

/// <summary>
/// The s3rver faasr-it runs: the repository's package.json and package-lock.json, embedded in this assembly, pin it
/// (s3rver and every package below it), so a per-user install outside the repository gets exactly what npm ci gives
/// the repository.
/// </summary>
internal static class S3rverPackage
{
    /// <summary>The prefix of the embedded package.json and package-lock.json (see FaaSr.Testing.Local.csproj).</summary>
    public const string ResourcePrefix = "FaaSr.Testing.Local.s3rver/";

    /// <summary>s3rver's version in the embedded package.json ("3.7.1").</summary>
    public static string PinnedVersion()
    {
        using var stream = typeof(S3rverPackage).Assembly.GetManifestResourceStream(ResourcePrefix + "package.json")
            ?? throw new InvalidOperationException($"{ResourcePrefix}package.json is not embedded in {typeof(S3rverPackage).Assembly.GetName().Name}.");
        using var manifest = JsonDocument.Parse(stream);
        return manifest.RootElement.GetProperty("dependencies").GetProperty("s3rver").GetString()
            ?? throw new InvalidOperationException($"{ResourcePrefix}package.json pins no s3rver version.");
    }

    /// <summary>The version an installed s3rver package folder declares in its package.json; null when unreadable.</summary>
    public static string? InstalledVersion(string packageFolder)
    {
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(packageFolder, "package.json")));
            return manifest.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes package.json and package-lock.json into <paramref name="folder"/>, ready for npm ci.</summary>
    public static Task WriteManifestsAsync(string folder, CancellationToken cancellationToken) =>
        EmbeddedFiles.WriteAsync(ResourcePrefix, folder, cancellationToken);
}

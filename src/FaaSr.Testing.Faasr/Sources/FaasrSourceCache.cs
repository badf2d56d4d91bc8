using System.Security.Cryptography;
using System.Text;
using FaaSr.Testing.Files;
using FaaSr.Testing.GitHub.Git;

namespace FaaSr.Testing.Faasr.Sources;

/// <summary>
/// Resolves a <see cref="FaasrSourceSpec"/> to a folder. A local folder is used in place (its commit read with git
/// when it is a work tree). A git repository is mirrored into a per-user cache (sources/ in <see cref="UserCacheFolder"/>,
/// or <see cref="CacheVariable"/>) and each commit checked out once into a
/// folder of its own that later runs reuse; a repository given as a local path is cloned without any network. The
/// mirror is refreshed on every use; when that fails (no network) the cached refs are used, which a line reports.
/// </summary>
public sealed class FaasrSourceCache(string root, TimeProvider clock)
{
    public const string CacheVariable = "FAASR_IT_SOURCE_CACHE";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The cache of this user: <see cref="CacheVariable"/>, else sources/ in <see cref="UserCacheFolder"/>.</summary>
    public static string DefaultRoot(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return Path.Combine(UserCacheFolder.Resolve(Environment.GetEnvironmentVariable), "sources");
    }

    /// <param name="notes">Receives lines worth showing (a refresh that failed and fell back to the cache).</param>
    /// <exception cref="FaasrSourceException">The folder lacks the role's files, or the repository or ref cannot be found.</exception>
    public async Task<FaasrSource> ResolveAsync(FaasrSourceRole role, FaasrSourceSpec spec, Action<string> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(spec);
        var source = spec.IsFolder
            ? await InPlaceAsync(role, spec, cancellationToken)
            : await CheckoutAsync(role, spec, notes, cancellationToken);
        var missing = role.RequiredFiles.Where(f => !File.Exists(source.PathOf(f))).ToList();
        if (missing.Count > 0)
        {
            throw new FaasrSourceException(
                $"{role.Option} '{spec.Given}' ({source.Folder}) is not a {role.Project} source: it has no {string.Join(", no ", missing)}.");
        }

        return source;
    }

    private static async Task<FaasrSource> InPlaceAsync(FaasrSourceRole role, FaasrSourceSpec spec, CancellationToken cancellationToken)
    {
        GitResult? head;
        try
        {
            head = await GitProcess.RunAsync(spec.Location, ["rev-parse", "--show-toplevel", "HEAD"], cancellationToken);
        }
        catch (GitUnavailableException)
        {
            head = null;
        }

        if (head is not { Succeeded: true })
        {
            return new FaasrSource(role, spec.Given, spec.Location, null, false);
        }

        var lines = head.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var status = await GitProcess.RunAsync(spec.Location, ["status", "--porcelain", "--untracked-files=no", "--", "."], cancellationToken);
        return new FaasrSource(role, spec.Given, spec.Location, lines.Length > 1 ? lines[1] : null, status.Succeeded && status.Output.Trim().Length > 0);
    }

    private async Task<FaasrSource> CheckoutAsync(FaasrSourceRole role, FaasrSourceSpec spec, Action<string> notes, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(spec.Location)))[..16];
        var folder = Path.Combine(Root, key);
        Directory.CreateDirectory(folder);

        // Two faasr-it processes resolving the same repository take turns; different repositories do not wait.
        using var turn = await ExclusiveFileLock.AcquireAsync(Path.Combine(folder, ".lock"), clock, cancellationToken);
        var mirror = Path.Combine(folder, "mirror.git");
        if (!Directory.Exists(mirror))
        {
            var temporary = mirror + ".partial";
            DeleteIfPresent(temporary);
            await GitAsync(role, spec, folder, ["clone", "--mirror", "--quiet", spec.Location, temporary], cancellationToken);
            Directory.Move(temporary, mirror);
        }
        else
        {
            var refresh = await GitProcess.RunAsync(mirror, ["remote", "update", "--prune"], cancellationToken);
            if (!refresh.Succeeded)
            {
                notes($"{role.Option}: could not refresh {spec.Location} ({FirstLine(refresh.Error)}); using the refs cached in {mirror}.");
            }
        }

        var reference = spec.Ref ?? "HEAD";
        var resolved = await GitProcess.RunAsync(mirror, ["rev-parse", "--verify", "--quiet", reference + "^{commit}"], cancellationToken);
        if (!resolved.Succeeded)
        {
            throw new FaasrSourceException($"{role.Option} '{spec.Given}': {spec.Location} has no branch, tag or commit '{reference}'.");
        }

        var commit = resolved.Output.Trim();
        var checkout = Path.Combine(folder, commit);
        if (!Directory.Exists(checkout))
        {
            var temporary = checkout + ".partial";
            DeleteIfPresent(temporary);
            await GitAsync(role, spec, folder, ["clone", "--quiet", "--no-checkout", "--no-hardlinks", mirror, temporary], cancellationToken);
            await GitAsync(role, spec, temporary, ["checkout", "--quiet", "--detach", commit], cancellationToken);
            Directory.Move(temporary, checkout);
        }

        return new FaasrSource(role, spec.Given, checkout, commit, false);
    }

    private static async Task GitAsync(FaasrSourceRole role, FaasrSourceSpec spec, string folder, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        GitResult result;
        try
        {
            result = await GitProcess.RunAsync(folder, arguments, cancellationToken);
        }
        catch (GitUnavailableException exception)
        {
            throw new Errors.EnvironmentProblemException($"{role.Option} '{spec.Given}' is a git repository, but {exception.Message}", exception);
        }

        if (!result.Succeeded)
        {
            throw new FaasrSourceException($"{role.Option} '{spec.Given}': git {arguments[0]} failed: {FirstLine(result.Error)}");
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";

    private static void DeleteIfPresent(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

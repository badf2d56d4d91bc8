using System.Xml.Linq;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Packaging;

/// <summary>
/// What `dotnet pack` of this repository gives, in a temporary folder, under a version of its own
/// (0.1.0-packtest.{random}) so that NuGet's global packages folder never hands a later run the packages of an earlier
/// one; disposing removes that folder and exactly those versions from the global packages folder. Every process it
/// starts gets an environment outside the repository's reach: no FAASR_IT_* variable, no MSBuild or test-host variable
/// inherited from the `dotnet test` running this, no build servers left behind, and a private XDG cache folder.
/// </summary>
internal sealed class PackedFaasrIt : IDisposable
{
    public static readonly string[] PackageIds =
        ["FaaSr.Testing", "FaaSr.Testing.Local", "FaaSr.Testing.GitHub", "FaaSr.Testing.Faasr", "FaaSr.Testing.MSTest", "faasr-it"];

    private static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(5);

    private PackedFaasrIt(string folder, string version, string dotnet)
    {
        Folder = folder;
        Version = version;
        Dotnet = dotnet;
    }

    /// <summary>The folder holding the .nupkg files (a NuGet source).</summary>
    public string Folder { get; }

    public string Version { get; }

    /// <summary>The dotnet executable on PATH.</summary>
    public string Dotnet { get; }

    /// <summary>Packs the solution as the Pack target does, from the configuration this test assembly was built in.</summary>
    public static async Task<PackedFaasrIt> PackAsync(CancellationToken cancellationToken)
    {
        var dotnet = ExecutablePath.Find("dotnet") ?? throw new AssertFailedException("No dotnet on PATH.");
        var folder = Directory.CreateTempSubdirectory("faasr-it-packages-").FullName;
        var version = $"0.1.0-packtest.{Guid.NewGuid().ToString("N")[..8]}x";
        var packed = new PackedFaasrIt(folder, version, dotnet);
        // This assembly is in tests/FaaSr.Testing.Tests/bin/{configuration}/net10.0/.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var exit = await packed.RunAsync(
            RepositoryFiles.Root,
            ["pack", RepositoryFiles.Path("FaaSr.Testing.slnx"), "-c", configuration, "--no-build", "--no-restore", "-o", folder, $"-p:Version={version}"],
            PackLimit,
            privateCache: null,
            cancellationToken);
        if (exit.ExitCode != 0)
        {
            packed.Dispose();
            throw new AssertFailedException($"dotnet pack failed ({Describe(exit)}):{Environment.NewLine}{exit.OutputTail}");
        }

        return packed;
    }

    /// <summary>The version the repository pins for a package (Directory.Packages.props).</summary>
    public static string PinnedVersionOf(string packageId) =>
        XDocument.Load(RepositoryFiles.Path("Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == packageId).Attribute("Version")!.Value;

    /// <summary>
    /// Runs <paramref name="program"/> (dotnet when null) in <paramref name="folder"/> with the outside environment,
    /// its XDG cache in <paramref name="privateCache"/> and, when given, <paramref name="searchPath"/> as its PATH; the
    /// process tree is killed after <paramref name="limit"/>.
    /// </summary>
    public Task<ProcessExit> RunAsync(
        string folder, IReadOnlyList<string> arguments, TimeSpan limit, string? privateCache, CancellationToken cancellationToken,
        string? program = null, string? searchPath = null) =>
        ChildProcess.RunAsync(
            new ProcessLaunch(program ?? Dotnet, arguments, folder, OutsideEnvironment(privateCache, searchPath), string.Empty) { TimeLimit = limit },
            TimeProvider.System,
            cancellationToken);

    public static string Describe(ProcessExit exit) => exit.TimedOut ? "stopped: it ran past its time limit" : $"exit code {exit.ExitCode}";

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            var restored = Path.Combine(globalPackages, id.ToLowerInvariant(), Version);
            if (Directory.Exists(restored))
            {
                Directory.Delete(restored, recursive: true);
                RemoveIfEmpty(Path.GetDirectoryName(restored)!);
            }
        }
    }

    private static void RemoveIfEmpty(string folder)
    {
        try
        {
            Directory.Delete(folder);
        }
        catch (IOException)
        {
            // Another version of the package is there (a restore of another run).
        }
    }

    private Dictionary<string, string> OutsideEnvironment(string? privateCache, string? searchPath)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            string[] inherited = ["FAASR_IT_", "MSBUILD", "VSTEST", "TESTINGPLATFORM", "DOTNET_HOST_PATH"];
            if (!inherited.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                environment[name] = (string?)entry.Value ?? string.Empty;
            }
        }

        environment["DOTNET_ROOT"] = Path.GetDirectoryName(new FileInfo(Dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Dotnet)!;
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        // No MSBuild node or compiler server outlives the test.
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
        if (privateCache is not null)
        {
            environment["XDG_CACHE_HOME"] = privateCache;
        }

        if (searchPath is not null)
        {
            environment["PATH"] = searchPath;
        }

        return environment;
    }
}

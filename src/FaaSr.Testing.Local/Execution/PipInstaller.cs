using FaaSr.Testing.Profiles;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// FaaSr 2.1's package install for one action: each PyPIPackageDownloads entry of a Python function is pip-installed
/// into the action's own target folder (FaaSr's /tmp/packages, on the function's sys.path), and each
/// FunctionGitHubPackage "owner/repo" is installed as the package "repo". PyPI and GitHub are out of reach of the
/// emulated compute, so packages come only from what the user gives: a folder of wheels and sdists (pip's
/// --find-links) or a package index URL. As in FaaSr a failed install does not fail the action (the function's
/// import will), but the action's log says which package could not be installed, and why.
/// </summary>
internal sealed class PipInstaller(PythonInterpreter interpreter, PipSources sources, TimeProvider clock)
{
    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(5);

    /// <summary>Installs one requirement into <paramref name="target"/>; returns why it failed, or null.</summary>
    public async Task<string?> InstallAsync(string requirement, string target, string home, CancellationToken cancellationToken)
    {
        if (sources.FindLinks is null && sources.IndexUrl is null)
        {
            return $"faasr-it: package '{requirement}' could not be installed: the emulated compute cannot reach PyPI or GitHub; give a folder of wheels (--pip-find-links DIR) or a package index (--pip-index URL)";
        }

        List<string> arguments = ["-m", "pip", "install", "--no-input", "--disable-pip-version-check", "--no-cache-dir", "--quiet", requirement, "-t", target];
        if (sources.FindLinks is { } folder)
        {
            arguments.AddRange(["--find-links", folder]);
        }

        arguments.AddRange(sources.IndexUrl is { } index ? ["--index-url", index] : ["--no-index"]);
        var environment = FunctionEnvironment.Essentials();
        environment["HOME"] = home;
        var exit = await ChildProcess.RunAsync(
            new ProcessLaunch(interpreter.Executable, arguments, target, environment, string.Empty) { TimeLimit = InstallLimit },
            clock,
            cancellationToken);
        if (exit.ExitCode == 0)
        {
            return null;
        }

        var reason = exit.TimedOut
            ? $"pip did not finish within {InstallLimit.TotalMinutes:0} minutes"
            : exit.OutputTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"pip exited with {exit.ExitCode}";
        return $"faasr-it: package '{requirement}' could not be installed from {sources}: {reason}";
    }
}

/// <summary>Where the emulated compute's pip finds packages: a local folder (--find-links) and/or an index URL.</summary>
public sealed record PipSources(string? FindLinks, string? IndexUrl)
{
    public const string FindLinksVariable = "FAASR_IT_PIP_FIND_LINKS";
    public const string IndexVariable = "FAASR_IT_PIP_INDEX";

    public static PipSources None { get; } = new(null, null);

    public static PipSources FromSettings(SettingSources settings) =>
        new(Blank(settings.Get(FindLinksVariable)) is { } folder ? Path.GetFullPath(folder) : null, Blank(settings.Get(IndexVariable)));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public override string ToString() => string.Join(" and ", new[]
    {
        FindLinks is null ? null : $"the folder {FindLinks}",
        IndexUrl is null ? null : $"the index {IndexUrl}",
    }.Where(s => s is not null));
}

using System.Diagnostics;

namespace FaaSr.Testing.Reporting;

/// <summary>The commit and branch the report is about: GitHub Actions' variables when set, else the repository's git.</summary>
public sealed record SourceRevision(string Commit, string Branch)
{
    public static SourceRevision Unknown { get; } = new("unknown", "unknown");

    public static async Task<SourceRevision> ReadAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var commit = Environment.GetEnvironmentVariable("GITHUB_SHA") is { Length: > 0 } sha ? sha : await GitAsync(repositoryRoot, ["rev-parse", "HEAD"], cancellationToken);
        var branch = Environment.GetEnvironmentVariable("GITHUB_HEAD_REF") is { Length: > 0 } head ? head
            : Environment.GetEnvironmentVariable("GITHUB_REF_NAME") is { Length: > 0 } reference ? reference
            : await GitAsync(repositoryRoot, ["rev-parse", "--abbrev-ref", "HEAD"], cancellationToken);
        return new SourceRevision(commit ?? Unknown.Commit, branch ?? Unknown.Branch);
    }

    /// <summary>git's one-line answer, or null when git is missing or the folder is no repository.</summary>
    private static async Task<string?> GitAsync(string folder, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var text = (await output).Trim();
            return process.ExitCode == 0 && text.Length > 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

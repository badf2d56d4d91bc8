using System.Diagnostics;
using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Containers;

/// <summary>The git commit images are tagged with: the short id of HEAD in the repository, "-dirty" when it has changes.</summary>
public static class SourceCommit
{
    public static async Task<string> ReadAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var head = await GitAsync(repositoryRoot, ["rev-parse", "--short=12", "HEAD"], cancellationToken).ConfigureAwait(false);
        var status = await GitAsync(repositoryRoot, ["status", "--porcelain", "--untracked-files=no"], cancellationToken)
            .ConfigureAwait(false);
        return status.Length == 0 ? head : head + "-dirty";
    }

    private static async Task<string> GitAsync(string directory, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new EnvironmentProblemException(
                $"Images are tagged with the git commit, but git could not be run in {directory}: {exception.Message}", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new EnvironmentProblemException(
                    $"Images are tagged with the git commit, but 'git {string.Join(' ', arguments)}' failed in " +
                    $"{directory}: {(await error.ConfigureAwait(false)).Trim()}");
            }

            return (await output.ConfigureAwait(false)).Trim();
        }
    }
}

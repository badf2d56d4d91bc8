using System.ComponentModel;
using System.Diagnostics;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The Rscript that runs R functions, found once, with what the R entry needs: jsonlite (Debian's r-cran-jsonlite).
/// <see cref="HasArrow"/> tells whether faasr_arrow_s3_bucket can work here.
/// </summary>
public sealed record RInterpreter(string Executable, string Version, bool HasArrow)
{
    private const string Probe =
        "cat(paste(R.version$major, R.version$minor, sep = '.'), " +
        "requireNamespace('jsonlite', quietly = TRUE), " +
        "requireNamespace('arrow', quietly = TRUE), sep = '\\n')";

    /// <param name="command">An Rscript path or name; null means Rscript on PATH.</param>
    /// <exception cref="ExecutionEnvironmentException">No such Rscript, it fails, or jsonlite is missing; the message says which.</exception>
    public static async Task<RInterpreter> ResolveAsync(string? command, CancellationToken cancellationToken)
    {
        var executable = Locate(command)
            ?? throw new ExecutionEnvironmentException(command is null
                ? "R is not installed (no Rscript on PATH); on Debian: apt-get install r-base-core r-cran-jsonlite"
                : $"R is not installed (no Rscript at '{command}')");
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--no-init-file", "-e", Probe })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ExecutionEnvironmentException($"Rscript '{executable}' cannot be started ({e.Message})", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var answer = (await stdout).Split('\n', StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0 || answer.Length < 3)
        {
            throw new ExecutionEnvironmentException($"Rscript '{executable}' failed (exit {process.ExitCode}): {(await stderr).Trim()}");
        }

        if (answer[1] != "TRUE")
        {
            throw new ExecutionEnvironmentException(
                $"the R package jsonlite is not installed for {executable} (R {answer[0]}); on Debian: apt-get install r-cran-jsonlite");
        }

        return new RInterpreter(executable, answer[0], answer[2] == "TRUE");
    }

    private static string? Locate(string? command)
    {
        var name = command ?? (OperatingSystem.IsWindows() ? "Rscript.exe" : "Rscript");
        if (name.Contains(Path.DirectorySeparatorChar) || name.Contains(Path.AltDirectorySeparatorChar))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        return ExecutablePath.Find(name);
    }
}

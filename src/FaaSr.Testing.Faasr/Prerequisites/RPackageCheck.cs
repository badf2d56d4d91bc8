using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using FaaSr.Testing.Errors;
using FaaSr.Testing.Faasr.Sources;

namespace FaaSr.Testing.Faasr.Prerequisites;

/// <summary>
/// R actions run through FaaSr-Backend's own R entry (FaaSr_py/client/r_*.R under Rscript), so they need Rscript and
/// the R packages those files load with library()/require(). Which packages is read from the user's backend; a
/// missing one fails the run before anything runs, naming it and the file that loads it.
/// </summary>
public static partial class RPackageCheck
{
    /// <summary>The packages the backend's R client files load, each with the file that loads it.</summary>
    public static IReadOnlyDictionary<string, string> PackagesOf(FaasrSource backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var client = backend.PathOf("FaaSr_py/client");
        var packages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(client))
        {
            return packages;
        }

        foreach (var file in Directory.EnumerateFiles(client, "r_*.R").Order(StringComparer.Ordinal))
        {
            foreach (Match match in Loaded().Matches(File.ReadAllText(file)))
            {
                packages.TryAdd(match.Groups["package"].Value, $"FaaSr_py/client/{Path.GetFileName(file)}");
            }
        }

        return packages;
    }

    /// <exception cref="EnvironmentProblemException">Rscript cannot be started, or a package is not installed.</exception>
    public static async Task EnsureAsync(FaasrSource backend, IReadOnlyCollection<string> rActions, CancellationToken cancellationToken)
    {
        var packages = PackagesOf(backend);
        var actions = string.Join(", ", rActions.Select(a => $"'{a}'"));
        var startInfo = new ProcessStartInfo("Rscript")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-e");
        startInfo.ArgumentList.Add(
            $"for (p in c({string.Join(", ", packages.Keys.Select(p => $"\"{p}\""))})) if (!requireNamespace(p, quietly = " +
            $"TRUE)) cat(p, \"\\n\")");
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new EnvironmentProblemException(
                $"R action {actions} runs through FaaSr-Backend's R entry, and Rscript cannot be started ({exception.Message}); on " +
                $"Debian: apt-get install r-base-core.", exception);
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var missing = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (missing.Length > 0)
        {
            throw new EnvironmentProblemException(string.Join(Environment.NewLine, missing.Select(p =>
                $"R action {actions} runs through FaaSr-Backend's R entry, which loads the R package '{p}' " +
                $"({packages.GetValueOrDefault(p)}): it is not installed; on Debian: apt-get install r-cran-{p.ToLowerInvariant()}.")));
        }
    }

    [GeneratedRegex(@"(?:library|require|requireNamespace)\(\s*[""']?(?<package>[A-Za-z][A-Za-z0-9.]*)[""']?\s*[,)]")]
    private static partial Regex Loaded();
}

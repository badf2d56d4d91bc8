using FaaSr.Testing.Errors;
using FaaSr.Testing.Faasr.Sources;

namespace FaaSr.Testing.Faasr.Prerequisites;

/// <summary>
/// The Python interpreter the faasr compute runs FaaSr with: the one named (FAASR_IT_FAASR_PYTHON, or the compute's
/// option), else the first of python3 on PATH and /usr/bin/python3 that has every module the sources import (on
/// Debian the backend's dependencies come as python3-* packages, which only the system interpreter sees). Checked
/// before anything runs; without one the error names each missing module, who imports it, and its Debian package.
/// </summary>
public sealed record FaasrPython(string Executable, string Version)
{
    public const string Variable = "FAASR_IT_FAASR_PYTHON";

    private static readonly string[] DefaultCandidates = ["python3", "/usr/bin/python3"];

    /// <exception cref="EnvironmentProblemException">No interpreter can be started, or none has every module.</exception>
    public static async Task<FaasrPython> FindAsync(string? named, FaasrSources sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        List<(string Root, string Path)> scanned =
        [
            (sources.Backend.Folder, "FaaSr_py"),
            (sources.Entry.PathOf("faas_specific"), "faasr_entry.py"),
        ];
        if (sources.WorkflowTools is { } tools)
        {
            scanned.Add((tools.Folder, "scripts/invoke_workflow.py"));
            scanned.Add((tools.Folder, "scripts/register_workflow.py"));
        }

        var candidates = named is null ? DefaultCandidates : [named];
        ProbeAnswer? first = null;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var answer = await PythonModuleProbe.RunAsync(candidate, scanned, cancellationToken);
            if (answer is null)
            {
                continue;
            }

            if (answer.Failure is null && answer.Missing.Count == 0)
            {
                return new FaasrPython(answer.Executable, answer.Version);
            }

            first ??= answer;
        }

        if (first is null)
        {
            throw new EnvironmentProblemException(
                $"The faasr compute needs Python 3 to run FaaSr, and {string.Join(" and ", candidates)} cannot be started. Install " +
                $"python3 (or name one with {Variable}).");
        }

        if (first.Failure is not null)
        {
            throw new EnvironmentProblemException($"{first.Executable} could not read the FaaSr sources: {first.Failure}");
        }

        var lines = first.Missing.Select(m =>
            $"  missing Python module '{m.Key}' (imported by {string.Join(", ", m.Value)}); on Debian: apt-get install " +
            $"python3-{m.Key.ToLowerInvariant()}");
        throw new EnvironmentProblemException(
            $"{first.Executable} (Python {first.Version}) cannot run these FaaSr " +
            $"sources:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}"
            + (named is null ? $"{Environment.NewLine}  (tried {string.Join(", ", candidates)}; name another " +
                $"interpreter with {Variable})" : string.Empty));
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace FaaSr.Testing.Faasr.Prerequisites;

/// <summary>
/// Asks one interpreter which modules the FaaSr sources import at module level and it cannot find (the embedded
/// module_probe.py reads the sources with Python's own parser, so the list follows the user's code, not a copy of it).
/// </summary>
internal static class PythonModuleProbe
{
    private const string ResourceName = "FaaSr.Testing.Faasr.module_probe.py";

    /// <summary>The interpreter's answer, or null when it cannot be started or is not Python 3.</summary>
    /// <param name="scanned">Each (root on sys.path, file or folder under it to read).</param>
    public static async Task<ProbeAnswer?> RunAsync(string interpreter, IReadOnlyList<(string Root, string Path)> scanned,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(interpreter)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add("-");
        foreach (var (root, path) in scanned)
        {
            startInfo.ArgumentList.Add($"{root}={path}");
        }

        startInfo.Environment.Remove("PYTHONPATH");
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        await using (var script = typeof(PythonModuleProbe).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The resource {ResourceName} is missing from {typeof(PythonModuleProbe).Assembly.GetName().Name}."))
        {
            await script.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            return new ProbeAnswer(interpreter, string.Empty, new Dictionary<string, IReadOnlyList<string>>(), (await error).Trim());
        }

        try
        {
            using var answer = JsonDocument.Parse(await output);
            var root = answer.RootElement;
            var missing = root.GetProperty("missing").EnumerateObject()
                .ToDictionary(
                    p => p.Name,
                    p => (IReadOnlyList<string>)p.Value.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList(),
                    StringComparer.Ordinal);
            return new ProbeAnswer(root.GetProperty("executable").GetString() ?? interpreter,
                root.GetProperty("version").GetString() ?? string.Empty, missing, null);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>What the probe found: the interpreter's real path and version, and each missing module with the files that import it.</summary>
/// <param name="Failure">The probe's own error (a source Python cannot parse), or null.</param>
internal sealed record ProbeAnswer(string Executable, string Version, IReadOnlyDictionary<string, IReadOnlyList<string>> Missing,
    string? Failure);

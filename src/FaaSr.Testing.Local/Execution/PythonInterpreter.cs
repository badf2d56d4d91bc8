using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The real Python interpreter behind "python3" (often a slow pyenv shim) and its site-packages folders, found once.
/// Functions start with -S (no site import: it costs tens of milliseconds per process, mostly for .pth hooks) and
/// the entry adds these folders to sys.path itself.
/// </summary>
public sealed record PythonInterpreter(string Executable, string Version, IReadOnlyList<string> SitePackages)
{
    private const string Probe =
        "import json, site, sys\n" +
        "dirs = list(site.getsitepackages()) if hasattr(site, 'getsitepackages') else []\n" +
        "user = site.getusersitepackages() if site.ENABLE_USER_SITE else None\n" +
        "dirs += [user] if user else []\n" +
        "print(json.dumps({'executable': sys.executable, 'version': sys.version.split()[0], 'site': dirs}))\n";

    /// <param name="command">An interpreter path or name; null means python3 (python on Windows).</param>
    /// <exception cref="ExecutionEnvironmentException">No such interpreter, or it is not Python 3.</exception>
    public static async Task<PythonInterpreter> ResolveAsync(string? command, CancellationToken cancellationToken)
    {
        command ??= OperatingSystem.IsWindows() ? "python" : "python3";
        var startInfo = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Probe);

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ExecutionEnvironmentException($"Python interpreter '{command}' cannot be started ({e.Message}). Install Python 3 or name one with the PythonInterpreter option.", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new ExecutionEnvironmentException($"Python interpreter '{command}' failed (exit {process.ExitCode}): {(await stderr).Trim()}");
        }

        try
        {
            using var answer = JsonDocument.Parse(await stdout);
            var root = answer.RootElement;
            var version = root.GetProperty("version").GetString() ?? string.Empty;
            if (!version.StartsWith("3.", StringComparison.Ordinal))
            {
                throw new ExecutionEnvironmentException($"'{command}' is Python {version}; functions need Python 3.");
            }

            return new PythonInterpreter(
                root.GetProperty("executable").GetString() ?? command,
                version,
                root.GetProperty("site").EnumerateArray().Select(e => e.GetString() ?? string.Empty).Where(Directory.Exists).ToArray());
        }
        catch (JsonException e)
        {
            throw new ExecutionEnvironmentException($"'{command}' did not answer like a Python 3 interpreter: {(await stdout).Trim()}", e);
        }
    }
}

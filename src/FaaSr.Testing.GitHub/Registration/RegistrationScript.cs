using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Registration;

/// <summary>
/// Runs FaaSr-workflow's own <c>register_workflow.py --workflow-file FILE</c> with Python in the tools folder (it
/// reads scripts/native_containers.txt from there), with the environment it reads (GH_PAT, GITHUB_REPOSITORY,
/// CUSTOM_CONTAINER, ...). Each line it prints is passed on as it comes (after <paramref name="redact"/>); Ctrl-C kills it.
/// </summary>
public static class RegistrationScript
{
    private const int TailLines = 15;

    /// <exception cref="RegistrationFailedException">The script exited non-zero.</exception>
    /// <exception cref="EnvironmentProblemException">Python cannot be started, or a module the script imports is missing.</exception>
    public static async Task RunAsync(
        WorkflowTools tools, string python, string workflowFile, IReadOnlyDictionary<string, string> environment, Func<string, string> redact, Action<string> line, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(python)
        {
            WorkingDirectory = tools.Folder,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add("-u");
        startInfo.ArgumentList.Add(tools.RegisterScriptPath);
        startInfo.ArgumentList.Add("--workflow-file");
        startInfo.ArgumentList.Add(Path.GetFullPath(workflowFile));
        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var tail = new Queue<string>();
        void Take(string? text)
        {
            if (text is null)
            {
                return;
            }

            var shown = redact(text);
            lock (tail)
            {
                tail.Enqueue(shown);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }

                line(shown);
            }
        }

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new EnvironmentProblemException($"{python} cannot be started to run {tools.RegisterScriptPath} ({exception.Message}); install Python 3 or name one with --python.", exception);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        if (process.ExitCode == 0)
        {
            return;
        }

        string[] last;
        lock (tail)
        {
            last = [.. tail];
        }

        var quoted = string.Join(Environment.NewLine, last.Select(l => "    " + l));
        if (last.FirstOrDefault(l => l.Contains("ModuleNotFoundError", StringComparison.Ordinal)) is { } missingModule)
        {
            throw new EnvironmentProblemException(
                $"{tools.RegisterScriptPath} cannot run with {python}: {missingModule.Trim()}. It needs PyGithub, boto3, requests and FaaSr_py (FaaSr-Backend) importable by that Python.");
        }

        throw new RegistrationFailedException($"{tools.RegisterScriptPath} exited {process.ExitCode} for {workflowFile}; its last lines:{Environment.NewLine}{quoted}");
    }
}

using FaaSr.Testing.Cli.Views;
using FaaSr.Testing.Diagnostics;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Cli;

/// <summary>
/// Watching a session to its end, the same for <c>run</c> (a launched invocation) and <c>monitor</c> (an attached
/// one): the view follows the monitor, a timeout or Ctrl-C stops it, every instance that did not complete is reported
/// with its last log lines, and the exit code is decided the same way.
/// </summary>
internal static class SessionWatch
{
    private const int FailureLogLines = 20;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Shows <paramref name="session"/> until monitoring ends (or <paramref name="timeout"/>, or Ctrl-C) and returns
    /// the exit code: 0 every instance completed or was not invoked, 1 anything else, 130 interrupted.
    /// </summary>
    public static async Task<int> WatchToEndAsync(
        string verb, IWorkflowSession session, IRunView view, StatusChangeFlag changes, TimeSpan timeout, SecretRedactor secrets, List<string> messages, CancellationToken cancellationToken)
    {
        var result = await WatchAsync(verb, session, view, changes, timeout, secrets, messages, cancellationToken);
        view.Update(session.CurrentRecord(DateTimeOffset.UtcNow).Masked(secrets));
        messages.AddRange(FailureReports(session, result, secrets));
        return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted
            : result.Succeeded && result.Outcome != MonitorOutcome.Cancelled ? ExitCodes.Success
            : ExitCodes.WorkflowFailed;
    }

    private static async Task<MonitorResult> WatchAsync(
        string verb, IWorkflowSession session, IRunView view, StatusChangeFlag changes, TimeSpan timeout, SecretRedactor secrets, List<string> messages, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        view.Update(session.CurrentRecord(DateTimeOffset.UtcNow).Masked(secrets));
        try
        {
            while (!session.Monitoring.IsCompleted)
            {
                await Task.WhenAny(session.Monitoring, Task.Delay(RefreshInterval, deadline.Token));
                deadline.Token.ThrowIfCancellationRequested();
                if (changes.Take())
                {
                    view.Update(session.CurrentRecord(DateTimeOffset.UtcNow).Masked(secrets));
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var attached = session.ComputeName == InvocationAttacher.AttachedComputeName;
            messages.Add(cancellationToken.IsCancellationRequested
                ? attached ? $"{verb}: interrupted; the invocation itself goes on." : $"{verb}: interrupted; the run's processes were stopped."
                : attached ? $"{verb}: the workflow did not finish within {timeout.TotalSeconds:0} s; stopped watching it."
                : $"{verb}: the workflow did not finish within {timeout.TotalSeconds:0} s; its processes were stopped.");
            await session.StopAsync();
        }

        return await session.Monitoring;
    }

    /// <summary>
    /// For each instance that ended other than completed or not_invoked: why, and its last log lines. Secrets are masked
    /// before the lines are split and indented, so a multi-line secret is masked whole; control characters (terminal
    /// escape sequences a function printed) are shown escaped.
    /// </summary>
    private static IEnumerable<string> FailureReports(IWorkflowSession session, MonitorResult result, SecretRedactor secrets)
    {
        foreach (var state in result.Functions.Where(f => !f.Status.HasCompleted))
        {
            var lines = secrets.Redact(state.LogText).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
            var tail = (lines.Length <= FailureLogLines ? lines : lines[^FailureLogLines..]).Select(Shown).ToArray();
            var header = Shown(secrets.Redact($"{state.Name}: {state.Status.WireName} ({state.Reason}); "));
            yield return state.LogText.Length > 0
                ? $"{header}last {tail.Length} log lines of {state.LogKey}:{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", tail)}"
                : state.LogSize > 0
                ? $"{header}its log {state.LogKey} ({state.LogSize} bytes) was still being written and was not read before watching stopped"
                : $"{header}no log at {state.LogKey}";
        }

        yield return Shown(secrets.Redact($"{session.Graph.WorkflowName} {session.InvocationId}: {result.Message}"));
    }

    /// <summary>A line from a function's log as a terminal may show it: control characters escaped.</summary>
    private static string Shown(string line) => MessageText.Quote(line, int.MaxValue);
}

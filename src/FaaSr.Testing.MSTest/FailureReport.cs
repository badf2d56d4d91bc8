using System.Text;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// The message of a failed tester assertion: what was expected, what was found, the last log lines of the function
/// concerned, and where the functions of the run stand. The values of the run's secrets are replaced by "***".
/// </summary>
internal sealed class FailureReport(IWorkflowSession session, int logLines, SecretRedactor secrets)
{
    private const int StatusesListedByName = 30;

    public string Describe(string headline, string expected, string found, string? function)
    {
        var text = new StringBuilder();
        text.AppendLine(headline);
        text.AppendLine($"Expected: {expected}");
        text.AppendLine($"Found:    {found}");
        if (function is not null)
        {
            AppendLogTail(text, function);
        }

        text.Append(RunSummary());
        return secrets.Redact(text.ToString());
    }

    /// <summary>"Run W id (local): a completed, b failed, ...; monitoring ended: ..." (counts per status for large runs).</summary>
    public string RunSummary()
    {
        var snapshot = session.Monitor.Snapshot();
        var statuses = snapshot.Count <= StatusesListedByName
            ? string.Join(", ", snapshot.Select(s => $"{s.Name} {s.Status.WireName}"))
            : string.Join(", ", snapshot.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.WireName}"));
        var monitoring = session.Monitoring switch
        {
            { IsCompletedSuccessfully: true } done => $"; monitoring ended: {done.Result.Message}",
            { IsFaulted: true } faulted => $"; monitoring stopped: {faulted.Exception!.GetBaseException().Message}",
            { IsCanceled: true } => "; monitoring was stopped",
            _ => "; still being watched",
        };
        return $"Run {session.Graph.WorkflowName} {session.InvocationId} ({session.Profile}): {statuses}{monitoring}";
    }

    /// <summary>
    /// A quoted, escaped and shortened rendering of a text for messages. Secrets are masked first, so neither escaping
    /// (a multi-line secret) nor shortening (a long one) can leave part of a secret showing.
    /// </summary>
    public string Quote(string text)
    {
        text = secrets.Redact(text);
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
        return escaped.Length <= 500 ? $"\"{escaped}\"" : $"\"{escaped[..500]}…\" ({text.Length} characters)";
    }

    private void AppendLogTail(StringBuilder text, string function)
    {
        var state = session.Monitor.StateOf(function);
        var lines = session.Monitor.LogOf(function).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        if (lines is [""])
        {
            text.AppendLine($"No log of {function} was read ({state.LogKey}); it is {state.Status.WireName}: {state.Reason}.");
            return;
        }

        var tail = lines.Length <= logLines ? lines : lines[^logLines..];
        text.AppendLine(
            $"Last {tail.Length} of {lines.Length} log lines of {function} ({state.LogKey}), {state.Status.WireName}: {state.Reason}:");
        foreach (var line in tail)
        {
            text.Append("    ").AppendLine(line);
        }
    }
}

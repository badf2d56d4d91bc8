using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Cli;

/// <summary>
/// --stream-logs: every log entry of every instance as the monitor reads it (it reads logs as they grow then, see
/// <see cref="MonitorOptions.LiveLogs"/>), one output line per log line, prefixed by the instance ("[work(3)] ...").
/// Secrets are masked before the entry is split into lines.
/// </summary>
internal static class LogStream
{
    /// <summary>Follows <paramref name="session"/>'s monitor; call before it starts to miss nothing.</summary>
    public static void Follow(IWorkflowSession session, Action<string> output, SecretRedactor secrets) =>
        session.Monitor.LogEntryReceived += (_, entry) =>
        {
            foreach (var line in secrets.Redact(entry.Entry.Text).Split('\n'))
            {
                output($"[{entry.Instance}] {line}");
            }
        };
}

using System.Globalization;
using System.Text;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Monitoring;

/// <summary>
/// Writes what FaaSr writes into an invocation folder (docs/faasr-semantics.md, "S3 layout" and "Log format"), so monitor tests drive every rule
/// without an executor: each log flush is a read-modify-write of the whole object, lines are
/// "[seconds] [LEVEL] [file] message", .done holds "True".
/// </summary>
internal sealed class FaaSrObjectWriter(IObjectStore store, WorkflowGraph graph, InvocationFolder folder)
{
    private readonly Dictionary<string, double> clocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> logs = new(StringComparer.Ordinal);

    public string LogKey(string instance) => folder.LogKey(graph.Instance(instance));

    public string DoneKey(string instance) => folder.DoneKey(graph.Instance(instance));

    /// <summary>One flush of INFO lines from faasr_entry.py.</summary>
    public Task InfoAsync(string instance, CancellationToken cancellationToken, params string[] messages) =>
        AppendAsync(instance, string.Concat(messages.Select(m => Line(instance, "INFO", "faasr_entry.py", m))), cancellationToken);

    /// <summary>One flush holding a user's raw faasr_log text (no prefix) and the server's own line after it.</summary>
    public Task UserLogAsync(string instance, string rawText, CancellationToken cancellationToken) =>
        AppendAsync(instance, rawText + "\n" + Line(instance, "INFO", "server.py", "Processing request: faasr_log"), cancellationToken);

    /// <summary>One flush with an ERROR line and its continuation lines (a traceback).</summary>
    public Task ErrorAsync(string instance, string message, CancellationToken cancellationToken, params string[] continuation) =>
        AppendAsync(instance, Line(instance, "ERROR", "faasr_entry.py", message) + string.Concat(continuation.Select(c => c + "\n")), cancellationToken);

    /// <summary>The scheduler's flush: one GitHub Actions line per dispatch (per rank for a ranked target "f(3)").</summary>
    public Task DispatchAsync(string instance, CancellationToken cancellationToken, params string[] targets)
    {
        var lines = targets.SelectMany(target =>
        {
            var (action, rank) = FunctionInstance.ParseName(target);
            return Enumerable.Repeat(action, rank ?? 1);
        });
        return SchedulerAsync(instance, cancellationToken, lines.Select(a => $"GitHub Action: Successfully invoked: {a}").ToArray());
    }

    /// <summary>The scheduler's flush with the given messages (any FaaS type's lines).</summary>
    public Task SchedulerAsync(string instance, CancellationToken cancellationToken, params string[] messages) =>
        AppendAsync(instance, string.Concat(messages.Select(m => Line(instance, "INFO", "scheduler.py", m))), cancellationToken);

    public Task NoTriggersAsync(string instance, CancellationToken cancellationToken) =>
        SchedulerAsync(instance, cancellationToken, $"no triggers for {FunctionInstance.ParseName(instance).Action}");

    public Task DoneAsync(string instance, CancellationToken cancellationToken) =>
        store.PutTextAsync(DoneKey(instance), "True", cancellationToken);

    /// <summary>A whole successful run: start lines, .done, then the scheduler's lines (dispatches, or "no triggers").</summary>
    public async Task CompleteAsync(string instance, CancellationToken cancellationToken, params string[] dispatches)
    {
        await InfoAsync(instance, cancellationToken, $"Starting function: {instance} (Python)");
        await DoneAsync(instance, cancellationToken);
        if (dispatches.Length == 0)
        {
            await NoTriggersAsync(instance, cancellationToken);
        }
        else
        {
            await DispatchAsync(instance, cancellationToken, dispatches);
        }
    }

    /// <summary>
    /// Puts the whole log again with <paramref name="text"/> appended. FaaSr downloads the object first; this writer is
    /// the only one of the object and keeps its copy, so it cannot race the monitor's reads on a local S3 server.
    /// </summary>
    private async Task AppendAsync(string instance, string text, CancellationToken cancellationToken)
    {
        var key = LogKey(instance);
        var content = logs[key] = logs.GetValueOrDefault(key, "") + text;
        await store.PutAsync(key, Encoding.UTF8.GetBytes(content), cancellationToken);
    }

    private string Line(string instance, string level, string file, string message)
    {
        var seconds = clocks[instance] = clocks.GetValueOrDefault(instance) + 0.137;
        return $"[{seconds.ToString("0.###", CultureInfo.InvariantCulture)}] [{level}] [{file}] {message}\n";
    }
}

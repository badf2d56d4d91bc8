using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Cli.Views;

/// <summary>
/// Plain lines for logs (CI, redirected output): the command's output as it comes, and one "[faasr-it]" line per
/// status change and per run start and end.
/// </summary>
internal sealed class PlainRunView(TextWriter writer) : IRunView
{
    private const string Prefix = "[faasr-it] ";

    private readonly Lock gate = new();
    private readonly Dictionary<(string Workflow, string InvocationId), RunRecord> seen = [];

    public void Update(RunRecord run)
    {
        lock (gate)
        {
            var key = (run.WorkflowName, run.InvocationId);
            var title = RunSummary.Title(run);
            if (!seen.TryGetValue(key, out var previous))
            {
                writer.WriteLine($"{Prefix}{title} ({run.Profile}): watching {run.Functions.Count} function instance{(run.Functions.Count == 1 ? "" : "s")}, invocation folder {run.InvocationFolder}");
            }

            var before = previous?.Functions.ToDictionary(f => f.Name, f => f.Status) ?? [];
            foreach (var function in run.Functions)
            {
                var from = before.TryGetValue(function.Name, out var status) ? status : (FunctionStatus?)null;
                if (from != function.Status && !(from is null && function.Status == FunctionStatus.Pending))
                {
                    writer.WriteLine($"{Prefix}{title} {function.Name}: {(from is { } known ? known.WireName + " -> " : "")}{function.Status.WireName}");
                }
            }

            if (run.FinishedAt is not null && previous?.FinishedAt is null)
            {
                writer.WriteLine($"{Prefix}{RunSummary.Line(run, DateTimeOffset.UtcNow)}");
            }

            seen[key] = run;
            writer.Flush();
        }
    }

    public void Output(string line)
    {
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

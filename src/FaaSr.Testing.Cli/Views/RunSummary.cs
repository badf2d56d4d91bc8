using System.Globalization;
using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Cli.Views;

/// <summary>Short texts about a run shared by the views.</summary>
internal static class RunSummary
{
    /// <summary>"IntegrationTestWorkflow f35634d0": the workflow and the first 8 characters of the InvocationID.</summary>
    public static string Title(RunRecord run) =>
        $"{run.WorkflowName} {(run.InvocationId.Length > 8 ? run.InvocationId[..8] : run.InvocationId)}";

    /// <summary>Outcomes first, then what is still going.</summary>
    private static readonly FunctionStatus[] DisplayOrder =
    [
        FunctionStatus.Completed, FunctionStatus.NotInvoked, FunctionStatus.Failed, FunctionStatus.Timeout, FunctionStatus.Skipped,
        FunctionStatus.Running, FunctionStatus.Invoked, FunctionStatus.Pending,
    ];

    /// <summary>"12 completed, 2 not_invoked": outcomes first.</summary>
    public static string Counts(RunRecord run) => string.Join(", ", CountsOf(run.Functions).Select(c => $"{c.Count} {c.Status.WireName}"));

    /// <summary>How many of <paramref name="functions"/> have each status they have, outcomes first.</summary>
    public static IReadOnlyList<(FunctionStatus Status, int Count)> CountsOf(IEnumerable<RunRecordFunction> functions) =>
        functions.GroupBy(f => f.Status).OrderBy(g => Array.IndexOf(DisplayOrder, g.Key)).Select(g => (g.Key, g.Count())).ToArray();

    /// <summary>"finished in 2.0 s" or "running for 5.3 s".</summary>
    public static string Progress(RunRecord run, DateTimeOffset now) => run.FinishedAt is { } finished
        ? $"finished in {Seconds(finished - run.StartedAt)}"
        : $"running for {Seconds(now - run.StartedAt)}";

    /// <summary>True when every function completed or was not invoked.</summary>
    public static bool Succeeded(RunRecord run) => run.Functions.All(f => f.Status.HasCompleted);

    /// <summary>"IntegrationTestWorkflow f35634d0 (local) finished in 2.0 s: 12 completed, 2 not_invoked"</summary>
    public static string Line(RunRecord run, DateTimeOffset now) => $"{Title(run)} ({run.Profile}) {Progress(run, now)}: {Counts(run)}";

    public static string Seconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.TotalSeconds):0.0} s");
}

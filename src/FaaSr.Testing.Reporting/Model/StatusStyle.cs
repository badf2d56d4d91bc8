using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>
/// The CSS class of an instance's or action's status: its wire name ("completed", "not_invoked", ...), except that a
/// failure in a run whose tests expected it reads "expected".
/// </summary>
internal static class StatusStyle
{
    public static string Of(FunctionStatus status, RunVerdict verdict) =>
        status is FunctionStatus.Failed && verdict is RunVerdict.Expected ? "expected" : status.WireName;

    public static string LabelOf(FunctionStatus status, RunVerdict verdict) =>
        status is FunctionStatus.Failed && verdict is RunVerdict.Expected ? "failed (expected)" : status.WireName;

    /// <summary>
    /// One status for several instances of an action: a failure or timeout wins, then anything still in progress,
    /// then skipped; completed and not_invoked together read completed.
    /// </summary>
    public static FunctionStatus Aggregate(IReadOnlyCollection<FunctionStatus> statuses)
    {
        FunctionStatus[] precedence =
        [
            FunctionStatus.Failed, FunctionStatus.Timeout, FunctionStatus.Running, FunctionStatus.Invoked, FunctionStatus.Pending,
            FunctionStatus.Skipped, FunctionStatus.Completed, FunctionStatus.NotInvoked,
        ];
        return statuses.Count == 0 ? FunctionStatus.Pending : precedence.First(statuses.Contains);
    }

    /// <summary>"198 completed, 2 failed", in the order of <see cref="FunctionStatus"/>.</summary>
    public static string Counts(IEnumerable<FunctionStatus> statuses) =>
        string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{ReportFormat.Number(g.Count())} {g.Key.WireName}"));
}

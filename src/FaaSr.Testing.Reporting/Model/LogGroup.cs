namespace FaaSr.Testing.Reporting.Model;

/// <summary>
/// The logs of one action's instances (one for an unranked action); <see cref="Counts"/> says how many ranks have each
/// status ("900 completed, 10 failed"), so a collapsed group of a big fan-out still tells how it went.
/// </summary>
public sealed record LogGroup(string Action, string Status, string Counts, IReadOnlyList<LogView> Instances)
{
    public bool IsRanked => Instances.Count > 1;
}

/// <summary>
/// One instance's kept log (masked). <see cref="Reason"/> says why it has its status, <see cref="InvokedBy"/> who
/// dispatched it ("invoked by sync1"); <see cref="Note"/> says when the log was cut or none was kept.
/// </summary>
public sealed record LogView(string Name, string Status, string StatusLabel, string Reason, string InvokedBy, string Text, string Note, IReadOnlyList<string> Transitions);

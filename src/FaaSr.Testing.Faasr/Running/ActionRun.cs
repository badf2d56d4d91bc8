namespace FaaSr.Testing.Faasr.Running;

/// <summary>
/// One dispatched action as the faasr compute ran it: which dispatch, how its process ended, how long it took and
/// waited for the machine-wide lock, the hosts it tried that the stand-in refused, and the tail of what it printed.
/// </summary>
public sealed record ActionRun(
    int Sequence,
    string WorkflowFile,
    string Instance,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan LockWait,
    int? ExitCode,
    bool TimedOut,
    IReadOnlyList<string> RefusedHosts,
    string OutputTail)
{
    public bool Succeeded => ExitCode == 0;
}

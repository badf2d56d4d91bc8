namespace FaaSr.Testing.Reporting.Model;

/// <summary>How a run reads in the report.</summary>
public enum RunVerdict
{
    /// <summary>Every instance completed or was not invoked.</summary>
    Passed,

    /// <summary>Something failed and every test of the workflow passed: the tests asserted the failure.</summary>
    Expected,

    /// <summary>Something failed that no passing test accounts for.</summary>
    Failed,

    /// <summary>The record has no finish time: the run was still being watched (or the watcher died).</summary>
    Unfinished,
}

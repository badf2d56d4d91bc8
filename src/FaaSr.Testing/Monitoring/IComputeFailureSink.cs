namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Where a compute reports that one instance failed where S3 cannot show it: its job died before FaaSr wrote a log
/// (a GitHub Actions job that failed to start its container, was cancelled or timed out). The monitor takes each
/// report at its next poll cycle, after that cycle's listing, and prefers what S3 shows: a .done or an ERROR in the
/// instance's log decides instead, and a log not yet read is read first. The only way a compute speaks to the monitor.
/// </summary>
public interface IComputeFailureSink
{
    /// <summary>
    /// <paramref name="instanceName"/> ("sync1", "test-rank(3)") failed; <paramref name="reason"/> says why, for the
    /// run record and the report (for example the tail of the job's log; the record masks secrets in it). Thread-safe;
    /// a report after monitoring ended is ignored.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The workflow has no such instance.</exception>
    void ReportFailure(string instanceName, string reason);
}

namespace FaaSr.Testing.Monitoring;

/// <summary>Why a monitoring run ended.</summary>
public enum MonitorOutcome
{
    /// <summary>Every instance completed or was not invoked.</summary>
    Succeeded,

    /// <summary>An instance failed; the instances still active were watched to the end, the rest skipped.</summary>
    Failed,

    /// <summary>A stage deadline or the inactivity timeout ran out.</summary>
    TimedOut,

    /// <summary>The cancellation token fired; unfinished instances were skipped.</summary>
    Cancelled,
}

namespace FaaSr.Testing.Monitoring;

/// <summary>
/// Where one function instance stands, as seen in S3 (docs/faasr-semantics.md, "Status rules"). The wire names are lowercase:
/// pending, invoked, not_invoked, running, completed, failed, skipped, timeout.
/// </summary>
public enum FunctionStatus
{
    /// <summary>Not invoked yet, and an invoker may still invoke it.</summary>
    Pending,

    /// <summary>An invoker's log shows the dispatch (the entry starts here); no log of its own yet.</summary>
    Invoked,

    /// <summary>Every invoker finished without dispatching it, so it will never run.</summary>
    NotInvoked,

    /// <summary>Its log object exists.</summary>
    Running,

    /// <summary>
    /// Its .done file exists and its log holds no ERROR entry. Provisional until the log is complete: FaaSr writes
    /// .done before it logs a user exception, so a later ERROR entry still turns it into <see cref="Failed"/>.
    /// </summary>
    Completed,

    /// <summary>Its log holds an ERROR entry (FaaSr writes .done for user exceptions too).</summary>
    Failed,

    /// <summary>Given up on after another instance failed or timed out, or when monitoring was cancelled.</summary>
    Skipped,

    /// <summary>Not final when a deadline or the inactivity timeout ran out.</summary>
    Timeout,
}

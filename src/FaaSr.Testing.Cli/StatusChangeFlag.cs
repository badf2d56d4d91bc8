using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Cli;

/// <summary>Set by the monitor's loop on every status change, taken by the view's loop: redraw only what changed.</summary>
internal sealed class StatusChangeFlag
{
    private int changed;

    /// <summary>Follows <paramref name="monitor"/>; call before it starts to miss nothing.</summary>
    public void Follow(WorkflowMonitor monitor) => monitor.StatusChanged += (_, _) => Interlocked.Exchange(ref changed, 1);

    /// <summary>True once after one or more changes.</summary>
    public bool Take() => Interlocked.Exchange(ref changed, 0) == 1;
}

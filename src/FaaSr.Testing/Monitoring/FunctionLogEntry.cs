namespace FaaSr.Testing.Monitoring;

/// <summary>A log entry of one instance, raised once per entry in log order.</summary>
public sealed record FunctionLogEntry(string Instance, LogEntry Entry)
{
    public override string ToString() => $"[{Instance}] {Entry.Text}";
}

namespace FaaSr.Testing.Monitoring;

/// <summary>One status change of one instance ("sync1", "test-rank(3)"), with when the monitor saw it and why.</summary>
public sealed record FunctionTransition(string Instance, FunctionStatus From, FunctionStatus To, DateTimeOffset At, string Reason)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {Instance}: {From.WireName} -> {To.WireName} ({Reason})";
}

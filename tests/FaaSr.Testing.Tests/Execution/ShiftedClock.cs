namespace FaaSr.Testing.Tests.Execution;

/// <summary>A clock whose wall time starts at a chosen instant and then advances in real time.</summary>
internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long origin = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + System.GetElapsedTime(origin);
}

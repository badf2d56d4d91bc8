namespace FaaSr.Testing.Local.Execution;

/// <summary>What the fan-in gate decided for one start: run it, or why it stops; and the number it wrote, if any.</summary>
internal sealed record FanInDecision(bool Runs, string? CandidateNumber, string? StopReason)
{
    public static FanInDecision Stop(string reason, string? candidateNumber = null) => new(false, candidateNumber, reason);
}

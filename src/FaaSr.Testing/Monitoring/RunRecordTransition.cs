namespace FaaSr.Testing.Monitoring;

/// <summary>One status change of an instance in a <see cref="RunRecordFunction"/>: when the monitor saw it and why.</summary>
public sealed record RunRecordTransition
{
    public required FunctionStatus From { get; init; }

    public required FunctionStatus To { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Reason { get; init; }

    public static RunRecordTransition Of(FunctionTransition transition) => new()
    {
        From = transition.From,
        To = transition.To,
        At = transition.At,
        Reason = transition.Reason,
    };
}

namespace FaaSr.Testing.Reporting.Runs;

/// <summary>One status change of an instance, as a run record keeps it.</summary>
public sealed record RecordedTransition(string? From, string To, DateTimeOffset At, string? Reason);

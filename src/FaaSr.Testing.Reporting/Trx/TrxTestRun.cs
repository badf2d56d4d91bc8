namespace FaaSr.Testing.Reporting.Trx;

/// <summary>What one TRX file holds: the run's times and its results.</summary>
public sealed record TrxTestRun(string Source, DateTimeOffset? Start, DateTimeOffset? Finish, IReadOnlyList<TrxTestResult> Results);

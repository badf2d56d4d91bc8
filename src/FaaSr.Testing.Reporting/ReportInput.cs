using FaaSr.Testing.Reporting.Runs;
using FaaSr.Testing.Reporting.Trx;

namespace FaaSr.Testing.Reporting;

/// <summary>What a report is made from: the TRX results, the runs (records and what was kept beside them), the source revision and the secrets to mask.</summary>
public sealed record ReportInput
{
    public required IReadOnlyList<TrxTestRun> TestRuns { get; init; }

    public required IReadOnlyList<RunInput> Runs { get; init; }

    public SourceRevision Revision { get; init; } = SourceRevision.Unknown;

    public ReportSecrets Secrets { get; init; } = ReportSecrets.None;

    public DateTimeOffset GeneratedAt { get; init; } = DateTimeOffset.UtcNow;

    public string Title { get; init; } = "faasr-it report";
}

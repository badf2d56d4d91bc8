namespace FaaSr.Testing.Reporting;

/// <summary>Where `faasr-it report` reads and writes; relative paths are under the repository root.</summary>
public sealed record ReportOptions
{
    /// <summary>The folder of *.trx files (artifacts/test-results).</summary>
    public required string TestResultsFolder { get; init; }

    /// <summary>The folder of run records (artifacts/runs).</summary>
    public required string RunsFolder { get; init; }

    /// <summary>The HTML file to write (artifacts/report/index.html).</summary>
    public required string OutputFile { get; init; }

    /// <summary>
    /// When there are TRX files, only the runs that started while one of them ran (a minute of slack either side):
    /// the records of earlier test runs left in the folder stay out of this report.
    /// </summary>
    public bool OnlyRunsOfTheseTests { get; init; }

    public SourceRevision Revision { get; init; } = SourceRevision.Unknown;

    public ReportSecrets Secrets { get; init; } = ReportSecrets.None;
}

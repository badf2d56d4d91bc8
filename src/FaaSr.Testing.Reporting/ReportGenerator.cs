using FaaSr.Testing.Reporting.Model;
using FaaSr.Testing.Reporting.Rendering;
using FaaSr.Testing.Reporting.Runs;
using FaaSr.Testing.Reporting.Trx;

namespace FaaSr.Testing.Reporting;

/// <summary>
/// Reads the TRX files and run records, builds the page and writes it atomically (a temporary file beside it, then a
/// move): the report file is either the previous one or the complete new one.
/// </summary>
public static class ReportGenerator
{
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

    public static async Task<ReportOutcome> GenerateAsync(ReportOptions options, CancellationToken cancellationToken)
    {
        var input = await ReadAsync(options, cancellationToken);
        var page = await ReportPageBuilder.BuildAsync(input, cancellationToken);
        var html = new ReportRenderer().Render(page, options.Secrets);
        await WriteAtomicallyAsync(options.OutputFile, html, cancellationToken);
        return new ReportOutcome(Path.GetFullPath(options.OutputFile), page);
    }

    public static async Task<ReportInput> ReadAsync(ReportOptions options, CancellationToken cancellationToken)
    {
        var testRuns = await TrxReader.ReadFolderAsync(options.TestResultsFolder, cancellationToken);
        var runs = await RunFolderReader.ReadAsync(options.RunsFolder, cancellationToken);
        return new ReportInput
        {
            TestRuns = testRuns,
            Runs = options.OnlyRunsOfTheseTests && testRuns.Count > 0 ? runs.Where(r => StartedDuring(r.Record.StartedAt, testRuns)).ToArray() : runs,
            Revision = options.Revision,
            Secrets = options.Secrets,
            GeneratedAt = DateTimeOffset.UtcNow,
        };
    }

    private static bool StartedDuring(DateTimeOffset started, IEnumerable<TrxTestRun> testRuns) =>
        testRuns.Any(t => t.Start is { } from && started >= from - Slack && started <= (t.Finish ?? DateTimeOffset.MaxValue - Slack) + Slack);
    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new IOException($"'{fullPath}' names no folder.");
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, content, cancellationToken);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

/// <summary>The written report: its file and the page it shows (for summaries).</summary>
public sealed record ReportOutcome(string File, ReportPage Page);

using System.CommandLine;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Reporting;
using FaaSr.Testing.Reporting.Ci;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Cli;

/// <summary>
/// <c>faasr-it report [--trx DIR] [--runs DIR] [--out FILE] [--summary FILE] [--annotate] [--all-runs]</c>: renders one
/// self-contained HTML report from the TRX files and run records (defaults: artifacts/test-results, artifacts/runs,
/// artifacts/report/index.html). --summary appends a Markdown job summary (GitHub Actions' $GITHUB_STEP_SUMMARY);
/// --annotate prints an error annotation per failed function and test. Only the runs that started while the TRX
/// files' tests ran are shown (all of them when there is no TRX file, or with --all-runs). Exit 0 once written, whatever the tests did;
/// 2 when a folder given does not exist or an input file cannot be read (the previous report is left as it was).
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var trx = new Option<string?>("--trx") { Description = "Folder of the *.trx files (default: artifacts/test-results)." };
        var runs = new Option<string?>("--runs") { Description = "Folder of the run records (default: artifacts/runs)." };
        var output = new Option<string?>("--out") { Description = "The HTML file to write (default: artifacts/report/index.html)." };
        var summary = new Option<string?>("--summary") { Description = "Append a Markdown summary to this file (GitHub Actions: $GITHUB_STEP_SUMMARY)." };
        var allRuns = new Option<bool>("--all-runs") { Description = "Every run record of the folder, also those older than the TRX files (by default only the runs that started while the tests ran)." };
        var annotate = new Option<bool>("--annotate") { Description = "Print a GitHub Actions ::error annotation per failed function and test." };
        var command = new Command("report", "Render the HTML report of the test results and workflow runs.")
        {
            trx,
            runs,
            output,
            summary,
            annotate,
            allRuns,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Request(parseResult.GetValue(trx), parseResult.GetValue(runs), parseResult.GetValue(output), parseResult.GetValue(summary), parseResult.GetValue(annotate), parseResult.GetValue(allRuns)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ReportOptions options;
        try
        {
            var repository = RepositoryLayout.FindFromHereOrCurrentFolder();
            options = new ReportOptions
            {
                TestResultsFolder = ExistingFolder(request.TrxFolder, "--trx") ?? Path.Combine(repository.Artifacts, "test-results"),
                RunsFolder = ExistingFolder(request.RunsFolder, "--runs") ?? repository.RunsFolder,
                OutputFile = Path.GetFullPath(request.OutputFile ?? Path.Combine(repository.Artifacts, "report", "index.html")),
                OnlyRunsOfTheseTests = !request.AllRuns,
                Revision = await SourceRevision.ReadAsync(repository.Root, cancellationToken),
                Secrets = ReportSecrets.For(Path.Combine(repository.Root, "workflows"), SettingSources.FromEnvironment(repository.EnvFile)),
            };
        }
        catch (Exception exception) when (exception is DirectoryNotFoundException or SettingsException)
        {
            await error.WriteLineAsync($"report: {exception.Message}");
            return ExitCodes.BadInput;
        }

        ReportOutcome outcome;
        try
        {
            outcome = await ReportGenerator.GenerateAsync(options, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            await error.WriteLineAsync($"report: {exception.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"report: cannot write {options.OutputFile}: {exception.Message}");
            return ExitCodes.EnvironmentProblem;
        }

        var counters = string.Join(", ", outcome.Page.Counters.Select(c => $"{c.Value} {c.Label}"));
        await output.WriteLineAsync($"Report: {outcome.File} ({counters})");
        if (request.Annotate)
        {
            foreach (var line in GitHubAnnotations.ErrorLines(outcome.Page))
            {
                await output.WriteLineAsync(line);
            }
        }

        if (request.SummaryFile is { Length: > 0 } summaryFile)
        {
            await File.AppendAllTextAsync(summaryFile, GitHubSummary.Markdown(outcome.Page), cancellationToken);
        }

        return ExitCodes.Success;
    }

    private static string? ExistingFolder(string? folder, string option) => folder switch
    {
        null => null,
        _ when Directory.Exists(folder) => Path.GetFullPath(folder),
        _ => throw new DirectoryNotFoundException($"{option} '{folder}': no such folder."),
    };

    private sealed record Request(string? TrxFolder, string? RunsFolder, string? OutputFile, string? SummaryFile, bool Annotate, bool AllRuns);
}

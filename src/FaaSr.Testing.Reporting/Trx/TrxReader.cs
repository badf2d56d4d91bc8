using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace FaaSr.Testing.Reporting.Trx;

/// <summary>
/// Reads the TRX files `dotnet test --logger trx` writes (MSTest's VSTest format): each UnitTestResult with its
/// outcome, duration, error message, stack trace and standard output, joined with its TestMethod for the class name.
/// </summary>
public static class TrxReader
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Every *.trx file directly in <paramref name="folder"/>, in name order; none when the folder does not exist.</summary>
    public static async Task<IReadOnlyList<TrxTestRun>> ReadFolderAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var runs = new List<TrxTestRun>();
        foreach (var file in Directory.GetFiles(folder, "*.trx").Order(StringComparer.Ordinal))
        {
            runs.Add(await ReadFileAsync(file, cancellationToken));
        }

        return runs;
    }

    public static async Task<TrxTestRun> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        XDocument document;
        try
        {
            await using var stream = File.OpenRead(path);
            document = await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken);
        }
        catch (XmlException exception)
        {
            throw new InvalidDataException($"Cannot read TRX file '{path}': {exception.Message}", exception);
        }

        return Read(document, path);
    }

    public static TrxTestRun Read(XDocument document, string path)
    {
        var root = document.Root;
        if (root is null || root.Name != Ns + "TestRun")
        {
            throw new InvalidDataException($"Cannot read TRX file '{path}': its root element is <{root?.Name.LocalName}>, not a TestRun of {Ns.NamespaceName}.");
        }

        var source = Path.GetFileName(path);
        var classesByTestId = root.Elements(Ns + "TestDefinitions").Elements(Ns + "UnitTest")
            .Select(t => (Id: (string?)t.Attribute("id"), Class: (string?)t.Element(Ns + "TestMethod")?.Attribute("className")))
            .Where(t => t.Id is not null)
            .GroupBy(t => t.Id!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Class ?? "", StringComparer.OrdinalIgnoreCase);

        var results = root.Elements(Ns + "Results").Elements(Ns + "UnitTestResult").Select(result =>
        {
            var testId = (string?)result.Attribute("testId") ?? "";
            var output = result.Element(Ns + "Output");
            var error = output?.Element(Ns + "ErrorInfo");
            return new TrxTestResult
            {
                Name = (string?)result.Attribute("testName") ?? throw new InvalidDataException($"TRX file '{path}': a UnitTestResult has no testName."),
                ClassName = classesByTestId.GetValueOrDefault(testId, ""),
                Outcome = OutcomeOf((string?)result.Attribute("outcome")),
                Duration = TimeSpan.TryParse((string?)result.Attribute("duration"), CultureInfo.InvariantCulture, out var duration) ? duration : TimeSpan.Zero,
                StartTime = TimeOf((string?)result.Attribute("startTime")),
                EndTime = TimeOf((string?)result.Attribute("endTime")),
                Message = (string?)error?.Element(Ns + "Message") ?? "",
                StackTrace = (string?)error?.Element(Ns + "StackTrace") ?? "",
                StdOut = (string?)output?.Element(Ns + "StdOut") ?? "",
                Source = source,
            };
        }).ToArray();

        var times = root.Element(Ns + "Times");
        return new TrxTestRun(source, TimeOf((string?)times?.Attribute("start")), TimeOf((string?)times?.Attribute("finish")), results);
    }

    private static TestOutcome OutcomeOf(string? outcome) => outcome switch
    {
        "Passed" or "PassedButRunAborted" or "Warning" or "Completed" => TestOutcome.Passed,
        "NotExecuted" or "Inconclusive" or "NotRunnable" or "Pending" or "Disconnected" or null => TestOutcome.Skipped,
        _ => TestOutcome.Failed,
    };

    private static DateTimeOffset? TimeOf(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;
}

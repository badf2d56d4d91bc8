using System.Text.RegularExpressions;

namespace FaaSr.Testing.GitHub.Compute;

/// <summary>The last lines of a GitHub Actions job log, without the timestamp GitHub puts before each line.</summary>
internal static partial class JobLogTail
{
    private const int MaxLineLength = 300;

    public static string Of(string log, int lines)
    {
        var kept = log.ReplaceLineEndings("\n").Split('\n')
            .Select(line => Timestamp().Replace(line, string.Empty).TrimEnd())
            .Where(line => line.Length > 0)
            .TakeLast(Math.Max(1, lines))
            .Select(line => line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "…");
        var tail = string.Join("\n", kept);
        return tail.Length > 0 ? tail : "(the log is empty)";
    }

    [GeneratedRegex(@"^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ")]
    private static partial Regex Timestamp();
}

using System.Text.RegularExpressions;

namespace FaaSr.Testing.Monitoring;

/// <summary>The two line shapes every FaaSr log rule rests on (docs/faasr-semantics.md, "Log format" and "How the monitor observes").</summary>
public static partial class LogLinePatterns
{
    /// <summary>True when <paramref name="line"/> starts a log entry: "[" digits or dots "]" at its very start.</summary>
    public static bool StartsEntry(ReadOnlySpan<char> line) => EntryStart().IsMatch(line);

    /// <summary>True when <paramref name="text"/> starts with "[digits/dots] [ERROR]", FaaSr's only failure evidence.</summary>
    public static bool IsErrorLine(ReadOnlySpan<char> text) => ErrorEntry().IsMatch(text);

    [GeneratedRegex(@"^\[[\d.]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"^\[[\d.]+\] \[ERROR\]", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorEntry();
}

using System.Text.RegularExpressions;

namespace FaaSr.Testing.Workflows;

/// <summary>Builds the JSON paths that problems point at: <c>$.ActionList.sync1.InvokeNext[0]</c>, <c>$['odd key']</c>.</summary>
internal static partial class JsonPathText
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        SimpleName().IsMatch(name)
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex SimpleName();
}

using System.Text.RegularExpressions;

namespace FaaSr.Testing.Containers.Images;

/// <summary>
/// The images a Dockerfile builds FROM: every <c>FROM</c> that names neither <c>scratch</c> nor an earlier stage,
/// with <c>$NAME</c> / <c>${NAME}</c> taken from the build arguments, else from the defaults of the <c>ARG</c>
/// lines before the first FROM.
/// </summary>
public static partial class DockerfileBaseImages
{
    public static IReadOnlyList<string> Read(string dockerfileText, IReadOnlyDictionary<string, string> buildArguments)
    {
        ArgumentNullException.ThrowIfNull(dockerfileText);
        ArgumentNullException.ThrowIfNull(buildArguments);
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var bases = new List<string>();
        var seenFrom = false;
        foreach (var line in JoinContinuations(dockerfileText))
        {
            if (!seenFrom && ArgLine().Match(line) is { Success: true } argument)
            {
                defaults[argument.Groups["name"].Value] = Unquote(argument.Groups["value"].Value);
                continue;
            }

            if (FromLine().Match(line) is not { Success: true } from)
            {
                continue;
            }

            seenFrom = true;
            var image = Expand(from.Groups["image"].Value, buildArguments, defaults);
            if (from.Groups["stage"].Success)
            {
                stages.Add(from.Groups["stage"].Value);
            }

            if (!image.Equals("scratch", StringComparison.OrdinalIgnoreCase) && !stages.Contains(image) && !bases.Contains(image))
            {
                bases.Add(image);
            }
        }

        return bases;
    }

    private static IEnumerable<string> JoinContinuations(string text)
    {
        var current = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            yield return (current + line).Trim();
            current = string.Empty;
        }

        if (current.Length > 0)
        {
            yield return current.Trim();
        }
    }

    private static string Expand(string value, IReadOnlyDictionary<string, string> buildArguments, Dictionary<string, string> defaults) =>
        Variable().Replace(value, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["bare"].Value;
            return buildArguments.TryGetValue(name, out var given) ? given : defaults.GetValueOrDefault(name, string.Empty);
        });

    private static string Unquote(string value) => value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\''
        ? value[1..^1]
        : value;

    [GeneratedRegex(@"^ARG\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:=(?<value>\S*))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ArgLine();

    [GeneratedRegex(@"^FROM\s+(?:--\S+\s+)*(?<image>\S+)(?:\s+AS\s+(?<stage>\S+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?<bare>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();
}

using System.Text;
using System.Text.RegularExpressions;

namespace FaaSr.Testing.Containers.Images;

/// <summary>
/// The rules of a <c>.dockerignore</c> file, as the Docker CLI applies them to a build context: one pattern a line,
/// <c>#</c> comments, <c>*</c> and <c>?</c> within one path segment, <c>**</c> across segments, <c>[...]</c> classes,
/// <c>\</c> escapes, a leading <c>!</c> re-includes, and the last pattern that matches a path (or one of its parent
/// folders) decides.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<Rule> rules;

    private DockerIgnore(IReadOnlyList<Rule> rules) => this.rules = rules;

    public static DockerIgnore Empty { get; } = new([]);

    /// <summary>Whether any pattern re-includes paths, so an excluded folder must still be walked.</summary>
    public bool HasExceptions => rules.Any(r => r.Exception);

    public static DockerIgnore Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<Rule>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exception = line.StartsWith('!');
            var pattern = Clean(exception ? line[1..].Trim() : line, separators: ['/']);
            if (pattern.Length == 0)
            {
                continue;
            }

            rules.Add(new Rule(new Regex(ToRegex(pattern), RegexOptions.CultureInvariant), exception));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>
    /// The rules for a Dockerfile's context: <c>NAME.Dockerfile.dockerignore</c> beside a <c>NAME.Dockerfile</c> wins,
    /// else the context's <c>.dockerignore</c>, else none.
    /// </summary>
    public static DockerIgnore ForDockerfile(string dockerfilePath, string contextDirectory)
    {
        var own = dockerfilePath + ".dockerignore";
        var shared = Path.Combine(contextDirectory, ".dockerignore");
        var file = File.Exists(own) ? own : File.Exists(shared) ? shared : null;
        return file is null ? Empty : Parse(File.ReadAllText(file));
    }

    /// <summary>Whether the context path (relative, '/'-separated) is left out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        var path = Clean(relativePath, separators: ['/', '\\']);
        var parents = Prefixes(path).ToList();
        var excluded = false;
        foreach (var rule in rules)
        {
            if (parents.Any(rule.Pattern.IsMatch))
            {
                excluded = !rule.Exception;
            }
        }

        return excluded;
    }

    // The path itself and each of its parent folders: "a/b/c" gives "a", "a/b", "a/b/c".
    private static IEnumerable<string> Prefixes(string path)
    {
        for (var index = path.IndexOf('/', StringComparison.Ordinal); index >= 0; index = path.IndexOf('/', index + 1))
        {
            yield return path[..index];
        }

        yield return path;
    }

    // As Go's filepath.Clean does on Linux: no leading "/" or "./", no empty or "." segments, ".." resolved. In a
    // pattern a backslash escapes the next character, so only '/' separates there.
    private static string Clean(string path, char[] separators)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split(separators))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0)
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != "..")
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var character = pattern[i];
            switch (character)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                        regex.Append("(?:.*/)?");
                    }
                    else
                    {
                        regex.Append(".*");
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var body = pattern[(i + 1)..end];
                    if (body.StartsWith('!') || body.StartsWith('^'))
                    {
                        body = "^" + body[1..];
                    }

                    regex.Append('[').Append(body.Replace(@"\", @"\\", StringComparison.Ordinal)).Append(']');
                    i = end;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    i++;
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(character.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }

    private sealed record Rule(Regex Pattern, bool Exception);
}

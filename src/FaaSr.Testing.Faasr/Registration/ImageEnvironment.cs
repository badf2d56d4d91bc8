using System.Text.RegularExpressions;

namespace FaaSr.Testing.Faasr.Registration;

/// <summary>
/// The variables FaaSr-Docker's GitHub Actions image sets with <c>ENV</c> (FAASR_PLATFORM in
/// faas_specific/github-actions.Dockerfile, PYTHONPATH=/tmp/packages in base/base.Dockerfile), read from the user's
/// FaaSr-Docker so a changed image is run as changed. Both ENV forms are read: <c>ENV A=1 B="2"</c> and <c>ENV A 1</c>.
/// </summary>
public static partial class ImageEnvironment
{
    /// <summary>The Dockerfiles of the GitHub Actions Python image, base first, relative to a FaaSr-Docker source.</summary>
    public static IReadOnlyList<string> GitHubActionsDockerfiles { get; } =
        ["base/base.Dockerfile", "faas_specific/github-actions.Dockerfile"];

    /// <summary>The ENV variables of <paramref name="dockerfiles"/> that exist, later files overriding earlier ones.</summary>
    public static IReadOnlyDictionary<string, string> Read(IEnumerable<string> dockerfiles)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in dockerfiles.Where(File.Exists))
        {
            foreach (var (name, value) in Parse(File.ReadAllText(file)))
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    public static IEnumerable<(string Name, string Value)> Parse(string dockerfile)
    {
        foreach (var raw in dockerfile.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("ENV ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = line[4..].Trim();
            var pairs = Pair().Matches(rest);
            if (pairs.Count > 0 && rest.Contains('=', StringComparison.Ordinal))
            {
                foreach (Match pair in pairs)
                {
                    yield return (pair.Groups["name"].Value, Unquote(pair.Groups["value"].Value));
                }
            }
            else if (rest.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space)
            {
                yield return (rest[..space], Unquote(rest[(space + 1)..].Trim()));
            }
        }
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S*)")]
    private static partial Regex Pair();
}

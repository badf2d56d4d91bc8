namespace FaaSr.Testing.Profiles;

/// <summary>
/// A <c>.env</c> file: <c>KEY=VALUE</c> lines, <c>#</c> comments, an optional <c>export </c> prefix, and values in
/// single or double quotes. Problems name the file and the line; values never appear in messages.
/// </summary>
public static class DotEnvFile
{
    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"{path}: cannot read the environment file: {ex.Message}");
        }

        return Parse(text, path);
    }

    public static IReadOnlyDictionary<string, string> Parse(string text, string source)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? line : line[..equals].Trim();
            if (equals < 0 || !IsVariableName(name))
            {
                throw new SettingsException($"{source}:{index + 1}: expected NAME=VALUE with NAME made of letters, digits and '_' " +
                    $"(found '{Describe(name)}').");
            }

            variables[name] = Unquote(line[(equals + 1)..].Trim(), source, index + 1, name);
        }

        return variables;
    }

    private static string Unquote(string value, string source, int lineNumber, string name)
    {
        if (value.Length > 0 && (value[0] == '"' || value[0] == '\''))
        {
            var quote = value[0];
            var close = value.IndexOf(quote, 1);
            if (close < 0)
            {
                throw new SettingsException($"{source}:{lineNumber}: the value of {name} opens a {quote} quote that is never closed.");
            }

            var inner = value[1..close];
            return quote == '"'
                ? inner.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal)
                : inner;
        }

        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment >= 0 ? value[..comment].TrimEnd() : value;
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Describe(string name) => name.Length > 40 ? name[..40] + "…" : name;
}

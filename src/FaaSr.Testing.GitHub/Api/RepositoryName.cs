using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Api;

/// <summary>A GitHub repository as OWNER/NAME.</summary>
public sealed record RepositoryName(string Owner, string Name)
{
    /// <summary>Parses "owner/name"; <paramref name="source"/> (e.g. "--repo") names where it came from in the error.</summary>
    /// <exception cref="BadInputException">It is not OWNER/NAME of GitHub's characters.</exception>
    public static RepositoryName Parse(string text, string source)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !IsPart(parts[0]) || !IsPart(parts[1]) || parts[1] is "." or "..")
        {
            throw new BadInputException($"{source} '{text}' is not a GitHub repository: expected OWNER/NAME (letters, digits, '-', '_', '.').");
        }

        return new RepositoryName(parts[0], parts[1]);
    }

    public override string ToString() => $"{Owner}/{Name}";

    private static bool IsPart(string part) =>
        part.Length is > 0 and <= 100 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

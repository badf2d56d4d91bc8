using System.Text;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>
/// Mutated workflows for fuzz tests: the repository's workflows/*.json and a sample one, each truncated, with wrong
/// types, huge numbers, deep nesting, odd Unicode and escapes, traversal strings, duplicate keys or control characters
/// put in (a fifth of them mutated twice). The same seed gives the same sequence.
/// </summary>
internal sealed class WorkflowMutator(int seed)
{
    private static readonly string[] Insertions =
    [
        "\"../../../../tmp/x\"", "\"/etc/passwd\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"\\u001b[2J\"", "1e400", "-0",
        "123456789012345678901234567890", "NaN", "Infinity", "null", "true", "[]", "{}", "\"f(2147483647)\"", "\"f(100000000)\"",
        "\"\u202e\u2066odd\"", "\"\uFEFF\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]", "\"a\":1,\"a\":2", ",", ":", "\"",
    ];

    private readonly string[] seeds = Directory.GetFiles(RepositoryFiles.Path("workflows"), "*.json").Order(StringComparer.Ordinal)
        .Select(File.ReadAllText).Append(SampleWorkflows.Valid).ToArray();

    private readonly Random random = new(seed);

    /// <summary>The next mutant.</summary>
    public string Next()
    {
        var mutant = Mutate(seeds[random.Next(seeds.Length)], random);
        return random.Next(5) == 0 ? Mutate(mutant, random) : mutant;
    }

    private static string Mutate(string json, Random random)
    {
        var at = random.Next(json.Length + 1);
        switch (random.Next(8))
        {
            case 0:
                return json[..at];
            case 1:
                return json[..at] + Insertions[random.Next(Insertions.Length)] + json[at..];
            case 2:
                var end = Math.Min(json.Length, at + random.Next(1, 40));
                return json[..at] + json[end..];
            case 3:
                return ReplaceAStringValue(json, Insertions[random.Next(Insertions.Length)], random);
            case 4:
                return ReplaceAStringValue(json, random.Next(3) switch { 0 => "0", 1 => "[\"x\", 1]", _ => "{\"k\": null}" }, random);
            case 5:
                return json[..at] + (char)random.Next(0, 0x3000) + json[at..];
            case 6:
                return new StringBuilder().Append('[', random.Next(1, 100)).Append(json).Append(']', random.Next(0, 100)).ToString();
            default:
                return ReplaceAStringValue(json, "\"" + new string('x', random.Next(1, 5000)) + "\"", random);
        }
    }

    /// <summary>Replaces the value of one "key": "value" pair with <paramref name="replacement"/>.</summary>
    private static string ReplaceAStringValue(string json, string replacement, Random random)
    {
        var colon = json.IndexOf("\": \"", random.Next(json.Length), StringComparison.Ordinal);
        if (colon < 0)
        {
            return json;
        }

        var start = colon + 3;
        var close = json.IndexOf('"', start + 1);
        return close < 0 ? json : json[..start] + replacement + json[(close + 1)..];
    }

}

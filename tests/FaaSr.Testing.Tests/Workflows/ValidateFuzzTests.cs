using System.Diagnostics;
using System.Globalization;
using System.Text;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>
/// Mutated workflows through validation (red-team resilience item): truncations, wrong types, huge numbers, deep
/// nesting, odd Unicode and escapes, traversal strings, duplicate keys, control characters. Every one must be valid or
/// come back as problems, never an exception, and none may take long. A fixed seed keeps failures reproducible.
/// </summary>
[TestClass]
public sealed class ValidateFuzzTests(TestContext testContext)
{
    private const int Mutants = 10_000;
    private const int Seed = 20261201;

    private static readonly string[] Insertions =
    [
        "\"../../../../tmp/x\"", "\"/etc/passwd\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"\\u001b[2J\"", "1e400", "-0",
        "123456789012345678901234567890", "NaN", "Infinity", "null", "true", "[]", "{}", "\"f(2147483647)\"", "\"f(100000000)\"",
        "\"\u202e\u2066odd\"", "\"\uFEFF\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]", "\"a\":1,\"a\":2", ",", ":", "\"",
    ];

    [TestMethod]
    public void TenThousandMutatedWorkflowsAreEachValidOrClearProblemsAndNoneIsSlow()
    {
        var seeds = Directory.GetFiles(RepositoryFiles.Path("workflows"), "*.json").Select(File.ReadAllText).Append(SampleWorkflows.Valid).ToArray();
        var random = new Random(Seed);
        var slowest = TimeSpan.Zero;
        var valid = 0;
        var total = Stopwatch.StartNew();

        for (var i = 0; i < Mutants; i++)
        {
            var mutant = Mutate(seeds[random.Next(seeds.Length)], random);
            if (random.Next(5) == 0)
            {
                mutant = Mutate(mutant, random);
            }

            var clock = Stopwatch.StartNew();
            WorkflowCheck check;
            try
            {
                check = WorkflowLoader.Check(mutant, $"mutant-{i}.json");
            }
            catch (Exception exception)
            {
                Assert.Fail($"mutant {i} (seed {Seed}) threw {exception.GetType().Name}: {exception.Message}\n{Shorten(mutant)}");
                return;
            }

            var elapsed = clock.Elapsed;
            slowest = elapsed > slowest ? elapsed : slowest;
            Assert.IsLessThan(TimeSpan.FromSeconds(10), elapsed, $"mutant {i} took {elapsed}");
            Assert.IsTrue(check.IsValid || check.Problems.Count > 0, $"mutant {i}: invalid without a problem");
            Assert.IsTrue(check.Problems.All(p => p.Message.Length > 0 && !p.Message.Any(c => c == '\u001b')), $"mutant {i}: an empty or raw-escape message");
            valid += check.IsValid ? 1 : 0;
        }

        testContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"validate fuzz: {Mutants} mutants (seed {Seed}), {valid} valid, {Mutants - valid} with problems, 0 exceptions; slowest {slowest.TotalMilliseconds:0} ms, all in {total.Elapsed.TotalSeconds:0.0} s"));
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

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "...";
}

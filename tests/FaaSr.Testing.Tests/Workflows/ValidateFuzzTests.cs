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

    [TestMethod]
    public void TenThousandMutatedWorkflowsAreEachValidOrClearProblemsAndNoneIsSlow()
    {
        var mutator = new WorkflowMutator(Seed);
        var slowest = TimeSpan.Zero;
        var valid = 0;
        var total = Stopwatch.StartNew();

        for (var i = 0; i < Mutants; i++)
        {
            var mutant = mutator.Next();

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
            Assert.IsTrue(check.Problems.All(p => p.Message.Length > 0 && !p.Message.Any(c => c == '\u001b')),
                $"mutant {i}: an empty or raw-escape message");
            valid += check.IsValid ? 1 : 0;
        }

        testContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"validate fuzz: {Mutants} mutants (seed {Seed}), {valid} valid, {Mutants - valid} with problems, 0 exceptions; slowest " +
            $"{slowest.TotalMilliseconds:0} ms, all in {total.Elapsed.TotalSeconds:0.0} s"));
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "...";
}

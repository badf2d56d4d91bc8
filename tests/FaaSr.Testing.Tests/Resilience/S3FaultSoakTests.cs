using System.Globalization;
using FaaSr.Testing.Local;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage.Faults;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// The project's own workflows under S3 faults (issue 15 item 8, red-team findings F9 and F10): 20 runs in a row, each
/// with 20 % of its S3 requests faulted (503 SlowDown, resets before and after the server acted, truncated bodies),
/// must end with exactly the statuses of a fault-free run of the same workflow. It prints a line per run and the totals.
/// </summary>
[TestClass]
public sealed class S3FaultSoakTests(TestContext testContext)
{
    private const double Rate = 0.2;
    private const int Runs = 20;
    private const int FirstSeed = 20261202;
    private const int Parallelism = 2;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The rotation: the big fan-out/fan-in workflow, a failing one, a secret one.</summary>
    private static readonly string[] Workflows =
        [ProjectWorkflowRuns.IntegrationTestWorkflow, ProjectWorkflowRuns.FailingWorkflow, ProjectWorkflowRuns.SecretWorkflow];

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task TwentyRunsInARowWithTwentyPercentFaultsEndWithTheStatusesOfAFaultFreeRun()
    {
        await using var server = await LocalS3Server.StartAsync(new LocalS3ServerOptions(), Cancellation);
        var runs = new ProjectWorkflowRuns(server.Connection.ServiceUrl!);
        var baselines = new Dictionary<string, WorkflowRunOutcome>(StringComparer.Ordinal);
        foreach (var workflow in Workflows)
        {
            var baseline = await runs.RunAsync(workflow, null, RunTimeout, Cancellation);
            Assert.IsFalse(baseline.TimedOut, $"The fault-free run of {workflow} timed out: {baseline.Message}");
            baselines[workflow] = baseline;
            testContext.WriteLine($"baseline {workflow,-24} {baseline.Elapsed.TotalSeconds,5:F1} s  {Summary(baseline)}");
        }

        Assert.IsTrue(
            baselines[ProjectWorkflowRuns.IntegrationTestWorkflow].Statuses.Values.All(s => s.HasCompleted),
            "The fault-free IntegrationTestWorkflow run succeeds: " + baselines[ProjectWorkflowRuns.IntegrationTestWorkflow].Message);

        // Two runs at a time (each has its own InvocationID on the shared server), to keep the CI time down.
        var outcomes = new WorkflowRunOutcome[Runs];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < Runs; i = Interlocked.Increment(ref next))
            {
                outcomes[i] = await runs.RunAsync(Workflows[i % Workflows.Length], new RandomFaults(Rate, FirstSeed + i), RunTimeout, Cancellation);
            }
        }));

        var wrong = new List<string>();
        for (var i = 0; i < Runs; i++)
        {
            var outcome = outcomes[i];
            var differences = outcome.DifferencesFrom(baselines[outcome.Workflow]);
            testContext.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"run {i + 1,2} {outcome.Workflow,-24} seed {outcome.Seed} {outcome.Elapsed.TotalSeconds,5:F1} s  {(differences.Count == 0 && !outcome.TimedOut ? "right" : "WRONG")}  {outcome.FaultSummary}"));
            if (differences.Count > 0 || outcome.TimedOut)
            {
                wrong.Add($"run {i + 1} ({outcome.Workflow}, --s3-faults {Rate} --s3-faults-seed {outcome.Seed}){(outcome.TimedOut ? " timed out" : "")}: {string.Join("; ", differences)}");
            }
        }

        var durations = outcomes.Select(o => o.Elapsed.TotalSeconds).Order().ToArray();
        var requests = outcomes.Sum(o => o.Requests);
        var faults = outcomes.Sum(o => o.Faults);
        testContext.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Runs} runs at {Rate:P0} faults: {Runs - wrong.Count} right, {wrong.Count} wrong; {requests} S3 requests, {faults} faulted; run time median {durations[durations.Length / 2]:F1} s, max {durations[^1]:F1} s ({Parallelism} at a time)"));
        Assert.IsEmpty(wrong, "Runs whose statuses differ from a fault-free run:\n" + string.Join("\n", wrong));
    }

    private static string Summary(WorkflowRunOutcome outcome) =>
        string.Join(", ", outcome.Statuses.Values.GroupBy(s => s.WireName).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
}

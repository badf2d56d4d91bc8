using System.Diagnostics;
using System.Text;
using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage.Faults;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// Runs the project's own workflows (workflows/*.json with functions/) on the emulated compute against one S3 server,
/// each with what its MSTest integration test gives it (FailingWorkflow's staged input, SecretWorkflow's secret), and
/// optionally through a <see cref="FaultInjectingStorage"/>.
/// </summary>
internal sealed class ProjectWorkflowRuns(Uri endpoint)
{
    public const string IntegrationTestWorkflow = "IntegrationTestWorkflow";
    public const string FailingWorkflow = "FailingWorkflow";
    public const string SecretWorkflow = "SecretWorkflow";

    /// <summary>The value SecretWorkflow's declared TEST_SECRET gets.</summary>
    public string SecretValue { get; } = "soak-secret-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Runs <paramref name="workflow"/> to its end (or <paramref name="timeout"/>, then stops it) and says how it ended.</summary>
    /// <param name="whileRunning">Runs beside the monitor once the run has started (to break something mid-run).</param>
    public async Task<WorkflowRunOutcome> RunAsync(
        string workflow, RandomFaults? faults, TimeSpan timeout, CancellationToken cancellationToken, Func<IWorkflowSession, Task>? whileRunning = null)
    {
        var settings = new SettingSources(
            new Dictionary<string, string> { ["S3_AccessKey"] = LocalS3Server.AccessKey, ["S3_SecretKey"] = LocalS3Server.SecretKey },
            null,
            _ => null);
        var launcher = SessionComposer.Compose(
            new SessionRequest { Profile = ProfileNames.Local, S3Endpoint = endpoint, S3Faults = faults },
            settings,
            LocalBackends.Catalog());
        var graph = WorkflowLoader.Load(RepositoryFiles.Path("workflows", workflow + ".json"));
        var started = Stopwatch.GetTimestamp();
        await using var session = await launcher.LaunchAsync(
            new WorkflowLaunch
            {
                Graph = graph,
                FunctionsRoot = RepositoryFiles.Path("functions"),
                FunctionEnvironment = workflow == SecretWorkflow
                    ? new Dictionary<string, string> { ["TEST_SECRET"] = SecretValue }
                    : new Dictionary<string, string>(),
                BeforeStart = workflow == FailingWorkflow ? StageFailingWorkflowInputAsync : null,
            },
            cancellationToken);
        var meddling = whileRunning?.Invoke(session) ?? Task.CompletedTask;
        MonitorResult result;
        var timedOut = false;
        try
        {
            result = await session.Monitoring.WaitAsync(timeout, cancellationToken);
            await meddling;
        }
        catch (TimeoutException)
        {
            timedOut = true;
            await session.StopAsync();
            result = await session.Monitoring;
        }

        return new WorkflowRunOutcome(
            workflow,
            faults?.Seed,
            result.Functions.ToDictionary(f => f.Name, f => f.Status, StringComparer.Ordinal),
            result.Functions.ToDictionary(f => f.Name, f => f.Reason, StringComparer.Ordinal),
            result.Message,
            timedOut,
            Stopwatch.GetElapsedTime(started),
            session.StorageDescription);
    }

    private static async Task StageFailingWorkflowInputAsync(IWorkflowSession session, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(RepositoryFiles.Path("tests", "FaaSr.IntegrationTests", "Inputs", "failing-workflow-input.txt"), cancellationToken);
        await session.StoreFor(session.Graph.Document.DefaultDataStore)
            .PutAsync($"integration-tests/{session.InvocationId}/input.txt", Encoding.UTF8.GetBytes(text), cancellationToken);
    }
}

/// <summary>How one run ended: every instance's status and reason, the monitor's message, how long it took, what the proxy did.</summary>
internal sealed record WorkflowRunOutcome(
    string Workflow,
    int? Seed,
    IReadOnlyDictionary<string, FunctionStatus> Statuses,
    IReadOnlyDictionary<string, string> Reasons,
    string Message,
    bool TimedOut,
    TimeSpan Elapsed,
    string StorageDescription)
{
    /// <summary>S3 requests the proxy received (0 without faults).</summary>
    public int Requests => Count(@"(\d+) requests");

    /// <summary>Requests the proxy faulted.</summary>
    public int Faults => Count(@"(\d+) faulted");

    private int Count(string pattern) =>
        System.Text.RegularExpressions.Regex.Match(FaultSummary, pattern) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    /// <summary>The instances whose status differs from <paramref name="expected"/>'s, as "name: expected -> actual (reason)".</summary>
    public IReadOnlyList<string> DifferencesFrom(WorkflowRunOutcome expected) =>
        expected.Statuses.Keys.Union(Statuses.Keys)
            .Where(name => StatusOf(expected, name) != StatusOf(this, name))
            .Select(name => $"{name}: {StatusOf(expected, name)} -> {StatusOf(this, name)} ({Reasons.GetValueOrDefault(name)})")
            .ToList();

    private static string StatusOf(WorkflowRunOutcome outcome, string name) =>
        outcome.Statuses.TryGetValue(name, out var status) ? status.WireName : "(absent)";

    /// <summary>What the proxy did ("278 requests, 61 faulted: ..."), or "" without faults.</summary>
    public string FaultSummary => StorageDescription.LastIndexOf("): ", StringComparison.Ordinal) is var at and >= 0 && Seed is not null
        ? StorageDescription[(at + 3)..]
        : string.Empty;
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Monitoring;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// A stand-in for GitHub's runner, for tests of the github compute: it takes each dispatch the GitHub stand-in
/// accepted, one at a time, waits until the compute has listed the repository's runs since (a real run takes far
/// longer to start than a poll), starts the stand-in's run and plays the test's script for the instance: FaaSr's
/// objects written to the real S3 store through <see cref="FaaSrObjectWriter"/> (the folder from the dispatch's
/// OVERWRITTEN, as FaaSr takes it), the next actions dispatched through the stand-in's API as FaaSr's scheduler
/// does, and the run completed with a conclusion and a job log. It runs no FaaSr code.
/// </summary>
internal sealed class StandInActionsRunner : IAsyncDisposable
{
    private readonly Channel<WorkflowDispatch> dispatches = Channel.CreateUnbounded<WorkflowDispatch>();
    private readonly Func<RunnerStep, CancellationToken, Task> script;
    private readonly WorkflowGraph graph;
    private readonly IObjectStore store;
    private readonly string token;
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, FaaSrObjectWriter> writers = new(StringComparer.Ordinal);
    private GitHubStandIn? standIn;
    private Task running = Task.CompletedTask;

    public StandInActionsRunner(WorkflowGraph graph, IObjectStore store, string token, Func<RunnerStep, CancellationToken, Task> script)
    {
        this.graph = graph;
        this.store = store;
        this.token = token;
        this.script = script;
    }

    /// <summary>For <see cref="GitHubStandInOptions.OnDispatch"/>: queues the dispatch.</summary>
    public Task OnDispatch(WorkflowDispatch dispatch, CancellationToken cancellationToken) =>
        dispatches.Writer.WriteAsync(dispatch, cancellationToken).AsTask();

    /// <summary>Faults when a step failed (the test then sees why).</summary>
    public Task Completion => running;

    public void Start(GitHubStandIn served) => (standIn, running) = (served, Task.Run(() => RunAsync(stop.Token)));

    public async ValueTask DisposeAsync()
    {
        dispatches.Writer.TryComplete();
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped with the test.
        }

        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var dispatch in dispatches.Reader.ReadAllAsync(cancellationToken))
        {
            var overwritten = JsonNode.Parse(dispatch.Overwritten!)!.AsObject();
            var action = overwritten["FunctionInvoke"]!.GetValue<string>();
            var rank = overwritten["FunctionRank"]?.GetValue<int>();
            var folder = graph.FolderFor(
                overwritten["InvocationTimestamp"]!.GetValue<string>(), overwritten["InvocationID"]!.GetValue<string>());
            var instance = rank is { } r ? $"{action}({r})" : action;
            var run = standIn!.RunOf(dispatch);
            await UntilListedSinceAsync(dispatch.At, cancellationToken);
            run.Start($"{Stamp()} Job is about to start running on the runner: GitHub Actions 1 (stand-in)\n");
            if (!writers.TryGetValue(folder.InvocationId, out var writer))
            {
                writers[folder.InvocationId] = writer = new FaaSrObjectWriter(store, graph, folder);
            }

            await script(new RunnerStep(run, instance, overwritten, writer, this, dispatch), cancellationToken);
        }
    }

    /// <summary>Dispatches <paramref name="action"/> once per rank (FunctionRank 1..N) or once, as FaaSr's scheduler does.</summary>
    public async Task DispatchNextAsync(
        WorkflowDispatch from, JsonObject overwritten, string action, int ranks, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = standIn!.ApiBaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("stand-in-faasr-scheduler", "1"));
        for (var rank = 1; rank <= ranks; rank++)
        {
            var next = (JsonObject)overwritten.DeepClone();
            next["FunctionInvoke"] = action;
            next.Remove("FunctionRank");
            if (ranks > 1)
            {
                next["FunctionRank"] = rank;
            }

            var body = new JsonObject
            {
                ["ref"] = from.Ref,
                ["inputs"] = new JsonObject { [WorkflowDispatch.OverwrittenInput] = next.ToJsonString(),
                    [WorkflowDispatch.PayloadUrlInput] = from.PayloadUrl },
            };
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(
                $"repos/{from.Owner}/{from.Repository}/actions/workflows/{graph.WorkflowName}-{action}.yml/dispatches",
                content, cancellationToken);
            Assert.IsTrue(response.IsSuccessStatusCode, $"the stand-in scheduler's dispatch of {action}: {(int)response.StatusCode}");
        }
    }

    public static string Stamp() =>
        DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task UntilListedSinceAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (!standIn!.Requests.Any(r => r.Method == "GET" && r.ApiPath.EndsWith("/actions/runs", StringComparison.Ordinal) && r.At > at))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail("The github compute did not list the repository's runs within 15 s of a dispatch.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}

/// <summary>One dispatched instance the runner plays: its stand-in run, FaaSr's inputs and the object writer.</summary>
internal sealed record RunnerStep(
    StandInWorkflowRun Run, string Instance, JsonObject Overwritten, FaaSrObjectWriter Write,
    StandInActionsRunner Runner, WorkflowDispatch Dispatch)
{
    /// <summary>FaaSr's scheduler: the next action dispatched once per rank.</summary>
    public Task DispatchAsync(string action, int ranks, CancellationToken cancellationToken) =>
        Runner.DispatchNextAsync(Dispatch, Overwritten, action, ranks, cancellationToken);
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.Compute;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Local;
using FaaSr.Testing.Local.Sessions;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// The github compute against the GitHub stand-in, on the cloud profile: a workflow (start, then work with rank 2)
/// whose GitHubActions server is owner/repo@main and whose S3 data store is a fresh bucket of the real local s3rver,
/// pushed to the stand-in's repository with its two registered Actions workflows; a .env-like setting source with
/// GH_PAT, the store's keys and GITHUB_API_URL at the stand-in's GitHub Enterprise form (/api/v3); and a
/// <see cref="StandInActionsRunner"/> playing the test's script for each dispatched run.
/// </summary>
internal sealed class GitHubComputeScenario : IAsyncDisposable
{
    public const string Token = "ghp_computeStandInToken0123456789abcdef";
    public const string WorkflowName = "GhFlow";
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long following rides out a failing GitHub in these tests.</summary>
    public static readonly TimeSpan OutageTolerance = TimeSpan.FromSeconds(3);

    private readonly ConcurrentQueue<string> lines = new();

    private GitHubComputeScenario(string root, IObjectStore store, WorkflowGraph graph)
    {
        Root = root;
        Store = store;
        Graph = graph;
    }

    public string Root { get; }

    public IObjectStore Store { get; }

    public WorkflowGraph Graph { get; }

    public GitHubStandIn StandIn { get; private set; } = null!;

    public StandInActionsRunner Runner { get; private set; } = null!;

    public IReadOnlyList<string> Lines => lines.ToArray();

    public string RecordPath => Path.Combine(Root, "record.json");

    /// <summary>The workflow file in the local clone: workflows/GhFlow.json.</summary>
    public string WorkflowFile => Path.Combine(Root, "workflows", $"{WorkflowName}.json");

    public static async Task<GitHubComputeScenario> StartAsync(
        Func<RunnerStep, CancellationToken, Task> script,
        CancellationToken cancellationToken,
        IReadOnlyCollection<string>? acceptedTokens = null,
        bool registered = true,
        bool pushed = true)
    {
        var store = await SharedS3.NewBucketAsync("github-compute", cancellationToken);
        var connection = await SharedS3.GetConnectionAsync(cancellationToken);
        var root = Directory.CreateTempSubdirectory("faasr-it-github-compute-").FullName;
        var repository = Directory.CreateDirectory(Path.Combine(root, "repository")).FullName;
        var workflow = new JsonObject
        {
            ["WorkflowName"] = WorkflowName,
            ["FunctionInvoke"] = "start",
            ["FaaSrLog"] = "FaaSrLog",
            ["DefaultDataStore"] = "S3",
            ["LoggingDataStore"] = "S3",
            ["ComputeServers"] = new JsonObject
            {
                ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "owner", ["ActionRepoName"] = "repo",
                    ["Branch"] = "main", ["UseSecretStore"] = true },
            },
            ["DataStores"] = new JsonObject
            {
                ["S3"] = new JsonObject { ["Endpoint"] = connection.ServiceUrl!.ToString(), ["Bucket"] = store.Bucket,
                    ["Region"] = "us-east-1", ["Writable"] = "true" },
            },
            ["ActionList"] = new JsonObject
            {
                ["start"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "start_fn", ["Type"] = "Python",
                    ["InvokeNext"] = new JsonArray("work(2)") },
                ["work"] = new JsonObject { ["FaaSServer"] = "GH", ["FunctionName"] = "work_fn", ["Type"] = "Python",
                    ["InvokeNext"] = new JsonArray() },
            },
        };
        // Laid out as a faasr-it repository (its marker file at the root), as a fork's clone is.
        await File.WriteAllTextAsync(Path.Combine(root, RepositoryLayout.MarkerFile), "<Solution />\n", cancellationToken);
        var local = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "workflows")).FullName, $"{WorkflowName}.json");
        await File.WriteAllTextAsync(local, workflow.ToJsonString(), cancellationToken);
        if (pushed)
        {
            Directory.CreateDirectory(Path.Combine(repository, "workflows"));
            File.Copy(local, Path.Combine(repository, "workflows", $"{WorkflowName}.json"));
        }

        if (registered)
        {
            Directory.CreateDirectory(Path.Combine(repository, ".github", "workflows"));
            foreach (var action in new[] { "start", "work" })
            {
                await File.WriteAllTextAsync(
                    Path.Combine(repository, ".github", "workflows", $"{WorkflowName}-{action}.yml"),
                    $"name: {WorkflowName}-{action}\n", cancellationToken);
            }
        }

        var scenario = new GitHubComputeScenario(root, store, WorkflowLoader.Load(local));
        scenario.Runner = new StandInActionsRunner(scenario.Graph, store, Token, script);
        scenario.StandIn = await GitHubStandIn.StartAsync(
            new GitHubStandInOptions
            {
                Repositories = [new StandInRepositorySource("owner", "repo", repository)],
                AcceptedTokens = acceptedTokens ?? [Token],
                OnDispatch = scenario.Runner.OnDispatch,
            },
            cancellationToken);
        scenario.Runner.Start(scenario.StandIn);
        return scenario;
    }

    /// <summary>What FaaSr does for the workflow when every function succeeds: start dispatches work once per rank.</summary>
    public static async Task PlaySuccessAsync(RunnerStep step, CancellationToken cancellationToken)
    {
        if (step.Instance == "start")
        {
            await step.Write.CompleteAsync("start", cancellationToken, "work(2)");
            await step.DispatchAsync("work", 2, cancellationToken);
        }
        else
        {
            await step.Write.CompleteAsync(step.Instance, cancellationToken);
        }

        step.Run.Complete("success", $"{StandInActionsRunner.Stamp()} {step.Instance} done\n");
    }

    /// <summary>The settings a fork's .env gives the cloud profile.</summary>
    public SettingSources Settings(string token = Token) => new(
        new Dictionary<string, string>
        {
            ["GH_PAT"] = token,
            ["S3_AccessKey"] = LocalS3Server.AccessKey,
            ["S3_SecretKey"] = LocalS3Server.SecretKey,
            [GitHubApiSettings.ApiUrlVariable] = $"{StandIn.ApiBaseUrl}api/v3",
        },
        Path.Combine(Root, ".env"),
        _ => null);

    /// <summary>The cloud profile (storage workflow, compute github) as the CLI and the tester compose it.</summary>
    public WorkflowLauncher Launcher(string token = Token) => SessionComposer.Compose(
        new SessionRequest { Profile = "cloud" },
        Settings(token),
        GitHubBackends.AddTo(LocalBackends.Catalog(), new GitHubComputeOptions
        {
            PollInterval = PollInterval,
            ServerErrorDelay = TimeSpan.FromMilliseconds(10),
            OutageTolerance = OutageTolerance,
            Report = lines.Enqueue,
        }));

    /// <summary>Launches the workflow, its run record published to <see cref="RecordPath"/>.</summary>
    public async Task<(IWorkflowSession Session, RunRecordPublisher Publisher)> LaunchAsync(
        CancellationToken cancellationToken, string token = Token)
    {
        RunRecordPublisher? publisher = null;
        var session = await Launcher(token).LaunchAsync(
            new WorkflowLaunch
            {
                Graph = Graph,
                FunctionsRoot = Root,
                Monitor = new MonitorOptions { PollInterval = PollInterval, InactivityTimeout = TimeSpan.FromSeconds(60) },
                BeforeStart = (started, _) =>
                {
                    publisher = RunRecordPublisher.Start(started, RecordPath);
                    return Task.CompletedTask;
                },
            },
            cancellationToken);
        return (session, publisher!);
    }

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        await StandIn.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}

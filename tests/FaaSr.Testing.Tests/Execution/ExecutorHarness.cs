using System.Text;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// A fresh bucket on the shared s3rver, a temporary folder of Python functions, and a way to run small workflows
/// written in the test against them with the real executor and real python3.
/// </summary>
internal sealed class ExecutorHarness : IAsyncDisposable
{
    public const string FunctionFolder = "fns";
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(90);

    private ExecutorHarness(IObjectStore store, S3Connection connection, string root)
    {
        Store = store;
        Connection = connection;
        Root = root;
    }

    public IObjectStore Store { get; }

    public S3Connection Connection { get; }

    /// <summary>The functions root given to the executor; functions live in its "fns" subfolder.</summary>
    public string Root { get; }

    public static async Task<ExecutorHarness> CreateAsync(string hint, CancellationToken cancellationToken)
    {
        var store = await SharedS3.NewBucketAsync(hint, cancellationToken);
        var connection = await SharedS3.GetConnectionAsync(cancellationToken);
        var root = Directory.CreateTempSubdirectory("faasr-it-functions-").FullName;
        Directory.CreateDirectory(Path.Combine(root, FunctionFolder));
        return new ExecutorHarness(store, connection, root);
    }

    /// <summary>Writes a Python file under the function folder ("fns/{relativePath}").</summary>
    public ExecutorHarness AddFile(string relativePath, string code)
    {
        var path = Path.Combine(Root, FunctionFolder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, code.Replace("\r\n", "\n"));
        return this;
    }

    /// <summary>
    /// A workflow named <paramref name="name"/> whose ActionList is <paramref name="actions"/> (a JSON object body), all
    /// on a GitHubActions server "GH" unless they name another, with every FunctionName fetched from "owner/repo/fns".
    /// </summary>
    public WorkflowGraph Workflow(string actions, string name = "LocalTest", Action<JsonObject>? change = null)
    {
        var actionList = JsonNode.Parse("{" + actions + "}")!.AsObject();
        var repos = new JsonObject();
        foreach (var (_, action) in actionList)
        {
            repos[action!["FunctionName"]!.GetValue<string>()] = "owner/repo/" + FunctionFolder;
        }

        var workflow = new JsonObject
        {
            ["WorkflowName"] = name,
            ["FunctionInvoke"] = actionList.First().Key,
            ["DefaultDataStore"] = "S3",
            ["LoggingDataStore"] = "S3",
            ["FaaSrLog"] = "FaaSrLog",
            ["ComputeServers"] = new JsonObject
            {
                ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "someone", ["ActionRepoName"] = "repo", ["Branch"] = "main", ["UseSecretStore"] = true },
                ["AWS"] = new JsonObject { ["FaaSType"] = "Lambda", ["Region"] = "us-east-1" },
                ["OW"] = new JsonObject { ["FaaSType"] = "OpenWhisk", ["Endpoint"] = "https://ow.example", ["Namespace"] = "guest" },
                ["GCP"] = new JsonObject { ["FaaSType"] = "GoogleCloud", ["Namespace"] = "project", ["ClientEmail"] = "a@b.c", ["TokenUri"] = "https://oauth2.example/token", ["Region"] = "us-east1" },
                ["SLURM"] = new JsonObject { ["FaaSType"] = "SLURM", ["Endpoint"] = "http://slurm.example", ["UserName"] = "u", ["APIVersion"] = "v0.0.37", ["Partition"] = "p" },
                ["K8s"] = new JsonObject { ["FaaSType"] = "Kubernetes", ["Endpoint"] = "https://k8s.example" },
            },
            ["DataStores"] = new JsonObject
            {
                ["S3"] = new JsonObject { ["Endpoint"] = Connection.ServiceUrl!.ToString(), ["Bucket"] = Store.Bucket, ["Region"] = "us-east-1" },
            },
            ["ActionList"] = actionList,
            ["FunctionGitRepo"] = repos,
        };
        change?.Invoke(workflow);
        return WorkflowLoader.Parse(workflow.ToJsonString(), $"{name}.json");
    }

    public LocalExecutorOptions Options(Func<LocalExecutorOptions, LocalExecutorOptions>? change = null)
    {
        var options = new LocalExecutorOptions
        {
            FunctionsRoot = Root,
            Stores = _ => Store,
            StoreEndpoints = new Dictionary<string, string> { ["S3"] = Connection.ServiceUrl!.ToString() },
            FunctionEnvironment = new Dictionary<string, string> { ["S3_AccessKey"] = Connection.AccessKey!, ["S3_SecretKey"] = Connection.SecretKey! },
        };
        return change is null ? options : change(options);
    }

    /// <summary>Runs the workflow to its end and returns the run and its result.</summary>
    public async Task<(LocalRun Run, LocalRunResult Result)> RunAsync(WorkflowGraph graph, CancellationToken cancellationToken, Func<LocalExecutorOptions, LocalExecutorOptions>? change = null)
    {
        var run = await new LocalExecutor(Options(change)).StartAsync(graph, cancellationToken);
        await using (run)
        {
            var result = await run.Completion.WaitAsync(RunDeadline, cancellationToken);
            return (run, result);
        }
    }

    /// <summary>Every key in the bucket.</summary>
    public async Task<SortedSet<string>> KeysAsync(CancellationToken cancellationToken)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var entry in Store.ListAsync(string.Empty, cancellationToken))
        {
            keys.Add(entry.Key);
        }

        return keys;
    }

    public async Task<string?> TextAsync(string key, CancellationToken cancellationToken) =>
        await Store.GetAsync(key, cancellationToken) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The log text of an instance ("" when it has no log).</summary>
    public async Task<string> LogAsync(LocalRun run, string instance, CancellationToken cancellationToken) =>
        await TextAsync(run.Folder.LogKey(FunctionInstanceNamed(instance)), cancellationToken) ?? string.Empty;

    /// <summary>The keys a run leaves in the log folder: a log per ran instance, a .done per completed one, plus extras.</summary>
    public static SortedSet<string> ExpectedKeys(LocalRun run, IEnumerable<string> logs, IEnumerable<string> dones, params string[] others)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in logs)
        {
            keys.Add(run.Folder.LogKey(FunctionInstanceNamed(name)));
        }

        foreach (var name in dones)
        {
            keys.Add(run.Folder.DoneKey(FunctionInstanceNamed(name)));
        }

        foreach (var other in others)
        {
            keys.Add(other);
        }

        return keys;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static FunctionInstance FunctionInstanceNamed(string name)
    {
        var (action, rank) = FunctionInstance.ParseName(name);
        return new FunctionInstance(action, rank, rank ?? 1);
    }
}

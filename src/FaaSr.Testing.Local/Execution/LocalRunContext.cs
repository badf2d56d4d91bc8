using System.Collections.Concurrent;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>Everything the instances of one run share: the workflow, the invocation, stores, runtimes and the RPC server.</summary>
internal sealed class LocalRunContext(
    WorkflowGraph graph,
    InvocationIdentity identity,
    LocalExecutorOptions options,
    IReadOnlyDictionary<string, FunctionSource> sources,
    FunctionRuntimes runtimes,
    FunctionRpcServer rpcServer,
    string runFolder)
{
    private readonly ConcurrentDictionary<string, IObjectStore> stores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> fanInLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> completionsWritten = new(StringComparer.Ordinal);
    private long jobNumber = 1000;

    public WorkflowGraph Graph { get; } = graph;

    public InvocationIdentity Identity { get; } = identity;

    public InvocationFolder Folder { get; } = graph.FolderFor(identity.InvocationTimestamp, identity.InvocationId);

    public LocalExecutorOptions Options { get; } = options;

    public FunctionRuntimes Runtimes { get; } = runtimes;

    public FunctionRpcServer RpcServer { get; } = rpcServer;

    public string RunFolder { get; } = runFolder;

    public TimeProvider Clock => Options.Clock;

    /// <summary>The environment every function process gets (see <see cref="FunctionEnvironment"/>).</summary>
    public IReadOnlyDictionary<string, string> FunctionEnvironment { get; } = Execution.FunctionEnvironment.For(graph.Document, options.FunctionEnvironment, Path.Combine(runFolder, "home"));

    public IObjectStore LoggingStore => Store(Graph.Document.EffectiveLoggingDataStore);

    public IObjectStore Store(string dataStoreName) => stores.GetOrAdd(dataStoreName, Options.Stores);

    /// <summary>The local code of an action (resolved before the run starts).</summary>
    public FunctionSource SourceOf(string action) =>
        sources.TryGetValue(action, out var source) ? source : throw new InvalidOperationException($"No function source was resolved for action '{action}'.");

    /// <summary>The in-process stand-in for FaaSr's S3 spin lock on an action's candidate file.</summary>
    public SemaphoreSlim FanInLock(string action) => fanInLocks.GetOrAdd(action, _ => new SemaphoreSlim(1, 1));

    /// <summary>Notes that this run wrote the instance's .done object.</summary>
    public void MarkCompletionWritten(FunctionInstance instance) => completionsWritten[instance.Name] = true;

    public bool CompletionWritten(FunctionInstance instance) => completionsWritten.ContainsKey(instance.Name);

    /// <summary>Installs the actions' packages; null when the run has no Python interpreter.</summary>
    public PipInstaller? Pip { get; init; }

    public long NextJobNumber() => Interlocked.Increment(ref jobNumber);
}

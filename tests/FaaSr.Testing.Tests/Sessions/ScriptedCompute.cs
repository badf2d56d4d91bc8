using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Monitoring;

namespace FaaSr.Testing.Tests.Sessions;

/// <summary>
/// A compute a test defines itself: it runs no function, it writes what FaaSr would write for the invocation (logs
/// with start, ERROR and dispatch lines, .done files, user objects) as the test's script says, and reports a page
/// per instance and the FaaSr sources it claims to run. The session, monitor, tester and run record treat it as any
/// other compute, which is what the tests using it show.
/// </summary>
internal sealed class ScriptedCompute(Func<ScriptedInvocation, CancellationToken, Task> script) : IWorkflowCompute
{
    public const string ComputeName = "scripted";

    public const string PageRoot = "https://compute.example/runs";

    public static readonly RunRecordSource Backend = new("FaaSr-Backend", "/opt/FaaSr-Backend", "0123abc");

    public string Name => ComputeName;

    public string Description => "a test's own compute, writing FaaSr's objects from a script";

    public Task<IComputeRun> StartAsync(ComputeStart start, CancellationToken cancellationToken)
    {
        var stop = new CancellationTokenSource();
        var invocation = new ScriptedInvocation(start);
        var completion = Task.Run(() => script(invocation, stop.Token), CancellationToken.None);
        return Task.FromResult<IComputeRun>(new ScriptedRun(completion, stop, start.Folder.InvocationId));
    }

    private sealed class ScriptedRun(Task completion, CancellationTokenSource stop, string invocationId) : IComputeRun
    {
        public Task Completion => completion;

        public string? RunUrl => $"{PageRoot}/{invocationId}";

        public IReadOnlyList<RunRecordSource> Sources => [Backend];

        public string? RunUrlOf(string instanceName) => $"{PageRoot}/{invocationId}/{Uri.EscapeDataString(instanceName)}";

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await completion;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
            catch (Exception)
            {
                // A broken script was reported through Completion already.
            }

            stop.Dispose();
        }
    }
}

/// <summary>
/// What a <see cref="ScriptedCompute"/>'s script writes with: FaaSr's objects in the invocation's log folder, and
/// user objects.
/// </summary>
internal sealed class ScriptedInvocation(ComputeStart start)
{
    public FaaSrObjectWriter Logs { get; } =
        new(start.Storage.StoreFor(start.Graph.Document.EffectiveLoggingDataStore), start.Graph, start.Folder);

    public string InvocationId => start.Folder.InvocationId;

    /// <summary>Writes {folder}/{InvocationID}/{name} in the DefaultDataStore, as a function's faasr_put_file does.</summary>
    public Task PutUserObjectAsync(string folder, string name, string text, CancellationToken cancellationToken) =>
        start.Storage.StoreFor(start.Graph.Document.DefaultDataStore)
            .PutTextAsync($"{folder}/{InvocationId}/{name}", text, cancellationToken);
}

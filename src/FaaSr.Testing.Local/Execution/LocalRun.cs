using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// A started local run. Its invocation is known at once; <see cref="Completion"/> ends when no instance is left to
/// run. Disposing cancels the run, kills every function process tree and waits until they are gone.
/// </summary>
public sealed class LocalRun : IAsyncDisposable
{
    private readonly CancellationTokenSource cancellation;

    internal LocalRun(InvocationIdentity identity, InvocationFolder folder, Task<LocalRunResult> completion, CancellationTokenSource cancellation)
    {
        InvocationId = identity.InvocationId;
        InvocationTimestamp = identity.InvocationTimestamp;
        Folder = folder;
        Completion = completion;
        this.cancellation = cancellation;
    }

    public string InvocationId { get; }

    public string InvocationTimestamp { get; }

    /// <summary>The run's log folder F and every key under it.</summary>
    public InvocationFolder Folder { get; }

    /// <summary>Per-instance outcomes; cancelled when the run is cancelled.</summary>
    public Task<LocalRunResult> Completion { get; }

    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            await cancellation.CancelAsync();
        }

        try
        {
            await Completion;
        }
        catch (OperationCanceledException)
        {
            // Cancelled by this call or by the caller's token: the processes are gone either way.
        }

        cancellation.Dispose();
    }
}

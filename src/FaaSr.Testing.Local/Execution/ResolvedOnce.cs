namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// A value found once and shared (an interpreter probe); a probe that failed or was cancelled is tried again by the
/// next caller, so one cancelled run does not leave the executor without its interpreter.
/// </summary>
internal sealed class ResolvedOnce<T>(Func<CancellationToken, Task<T>> resolve)
{
    private readonly Lock gate = new();
    private Task<T>? resolving;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (resolving is null || resolving.IsFaulted || resolving.IsCanceled)
            {
                resolving = resolve(cancellationToken);
            }

            return resolving;
        }
    }
}

namespace FaaSr.Testing.Sessions;

/// <summary>Cleanup that runs every step even when one fails, then reports what failed.</summary>
public static class Failures
{
    /// <summary>Runs <paramref name="step"/>, adding its exception (if any) to <paramref name="failures"/>.</summary>
    public static async Task CollectAsync(Func<Task> step, List<Exception> failures)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(failures);
        try
        {
            await step();
        }
        catch (Exception exception)
        {
            failures.Add(exception);
        }
    }

    /// <summary>Throws the one failure as it is, or several as an <see cref="AggregateException"/> with <paramref name="message"/>.</summary>
    public static void ThrowIfAny(List<Exception> failures, string message)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (failures.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0]);
        }

        if (failures.Count > 1)
        {
            throw new AggregateException(message, failures);
        }
    }
}

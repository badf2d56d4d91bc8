using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// The one run of a test class: started by the first test that needs it, shared by the others, disposed at class
/// clean-up. A start that failed stays failed, so every test of the class reports the same cause.
/// </summary>
internal sealed class ClassScopedRun(string testClass)
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private Task<WorkflowTester>? starting;

    /// <summary>
    /// The class's tester, starting it on the first call; the test waits with its own token, while the start itself
    /// runs until it ends or the class is cleaned up, so one cancelled test does not cancel the start for the others.
    /// </summary>
    public async Task<WorkflowTester> TesterAsync(
        Func<string> workflowFile, Func<WorkflowTesterOptions> options, CancellationToken cancellationToken)
    {
        Task<WorkflowTester> start;
        lock (gate)
        {
            start = starting ??= StartAsync(workflowFile, options);
        }

        try
        {
            return await start.WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (start.IsFaulted || (start.IsCanceled && !cancellationToken.IsCancellationRequested))
        {
            throw new AssertFailedException(
                $"{testClass}: the workflow run did not start, so no test of the class can run. {Cause(exception)}", exception);
        }
    }

    /// <summary>Stops the run, if one started, and whatever is still starting.</summary>
    public async Task StopAsync()
    {
        Task<WorkflowTester>? start;
        lock (gate)
        {
            start = starting;
        }

        await stopping.CancelAsync();
        if (start is not null)
        {
            try
            {
                await start;
            }
            catch (Exception)
            {
                // The start failed: every test reported why, and it left nothing running.
                return;
            }

            await start.Result.DisposeAsync();
        }
    }

    private static string Cause(Exception exception) =>
        exception is OperationCanceledException ? "Its start was cancelled." : $"{exception.GetType().Name}: {exception.Message}";

    private async Task<WorkflowTester> StartAsync(Func<string> workflowFile, Func<WorkflowTesterOptions> options)
    {
        await Task.Yield();
        return await WorkflowTester.StartAsync(workflowFile(), options(), stopping.Token);
    }
}

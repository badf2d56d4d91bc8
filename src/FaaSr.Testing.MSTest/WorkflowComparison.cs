using FaaSr.Testing.Comparison;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// The tester's form of <c>faasr-it run --compare A,B</c>: runs one workflow on two computes, one after the other,
/// each through a <see cref="WorkflowTester"/> with the same options (inputs, secrets, deadlines), reads what each
/// run left before its objects are removed, and returns the differences (<see cref="RunComparison"/>, whose
/// <see cref="RunComparison.Lines"/> a failed assertion can show).
/// </summary>
public static class WorkflowComparison
{
    public static async Task<RunComparison> RunAsync(
        string workflowFile, string leftCompute, string rightCompute, WorkflowTesterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leftCompute);
        ArgumentException.ThrowIfNullOrWhiteSpace(rightCompute);
        options ??= new WorkflowTesterOptions();
        var left = await SnapshotAsync(workflowFile, leftCompute, options, cancellationToken);
        var right = await SnapshotAsync(workflowFile, rightCompute, options, cancellationToken);
        return RunComparison.Of(left, right);
    }

    private static async Task<RunSnapshot> SnapshotAsync(string workflowFile, string compute, WorkflowTesterOptions options, CancellationToken cancellationToken)
    {
        await using var tester = await WorkflowTester.StartAsync(workflowFile, options with { Compute = compute, ComputeBackend = null }, cancellationToken);
        var result = await tester.Session.Monitoring.WaitAsync(options.WaitTimeout, cancellationToken);
        return await RunSnapshot.CaptureAsync(tester.Session, result, cancellationToken);
    }
}

using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// The tester's assertions by name, for tests that hold a <see cref="WorkflowTester"/> without deriving from
/// <see cref="WorkflowTest{TSelf}"/>: each is the matching <c>Expect(...)</c> assertion, with its own name in the message.
/// </summary>
public sealed partial class WorkflowTester
{
    /// <summary>
    /// Waits until the function is final and its log complete, and returns its status. Throws when it failed (unless
    /// <paramref name="shouldFail"/>), was skipped or timed out. <paramref name="shouldFail"/> allows a failure but does
    /// not require one: assert it with <see cref="AssertFunctionFailedAsync"/>.
    /// </summary>
    public async Task<FunctionStatus> WaitForAsync(string name, bool shouldFail = false, CancellationToken cancellationToken = default)
    {
        var function = Function(name, cancellationToken);
        if (shouldFail)
        {
            ExpectFailureOf(name);
        }

        var state = await function.SettledAsync(nameof(WaitForAsync));
        return state.Status switch
        {
            FunctionStatus.Completed or FunctionStatus.NotInvoked => state.Status,
            FunctionStatus.Failed when shouldFail => state.Status,
            FunctionStatus.Failed => throw function.Failure(
                $"WaitForAsync({name}): function {name} failed.",
                "completed or not_invoked (shouldFail: false)",
                FunctionHandle.Describe(state)),
            _ => throw function.Failure(
                $"WaitForAsync({name}): function {name} ended {state.Status.WireName}.",
                shouldFail ? "completed, not_invoked or failed" : "completed or not_invoked",
                FunctionHandle.Describe(state)),
        };
    }

    public Task AssertFunctionCompletedAsync(string name, CancellationToken cancellationToken = default) =>
        new FunctionAssertions(Function(name, cancellationToken))
            .StatusAsync(FunctionStatus.Completed, nameof(AssertFunctionCompletedAsync));

    public Task AssertFunctionNotInvokedAsync(string name, CancellationToken cancellationToken = default) =>
        new FunctionAssertions(Function(name, cancellationToken))
            .StatusAsync(FunctionStatus.NotInvoked, nameof(AssertFunctionNotInvokedAsync));

    public Task AssertFunctionFailedAsync(string name, CancellationToken cancellationToken = default) =>
        new FunctionAssertions(Function(name, cancellationToken)).FailedAsync(nameof(AssertFunctionFailedAsync));

    /// <summary>Waits until the function's log is complete, then asserts it contains <paramref name="text"/>.</summary>
    public Task AssertLogsContainAsync(string name, string text, CancellationToken cancellationToken = default) =>
        new FunctionAssertions(Function(name, cancellationToken)).LogAsync(text, nameof(AssertLogsContainAsync));

    public Task AssertObjectExistsAsync(string name, CancellationToken cancellationToken = default) =>
        new ObjectAssertions(Object(name, cancellationToken)).ExistAsync(nameof(AssertObjectExistsAsync));

    public Task AssertObjectDoesNotExistAsync(string name, CancellationToken cancellationToken = default) =>
        new ObjectAssertions(Object(name, cancellationToken)).NotExistAsync(nameof(AssertObjectDoesNotExistAsync));

    /// <summary>Asserts the object's UTF-8 text equals <paramref name="expected"/> exactly.</summary>
    public Task AssertContentEqualsAsync(string name, string expected, CancellationToken cancellationToken = default) =>
        new ObjectAssertions(Object(name, cancellationToken)).ContentAsync(expected, nameof(AssertContentEqualsAsync));

    /// <summary>Uploads a local file as a user object of this invocation (through pre-signed URLs when configured).</summary>
    public async Task UploadObjectAsync(string name, string sourceFile, CancellationToken cancellationToken = default) =>
        await Object(name, cancellationToken).UploadAsync(await File.ReadAllBytesAsync(sourceFile, cancellationToken));

    /// <summary>The bytes of a user object of this invocation, or null when it does not exist.</summary>
    public Task<byte[]?> ReadObjectAsync(string name, CancellationToken cancellationToken = default) =>
        Object(name, cancellationToken).ReadAsync();

    /// <summary>Downloads a user object of this invocation to <paramref name="destinationFile"/>; fails when it does not exist.</summary>
    public async Task DownloadObjectAsync(string name, string destinationFile, CancellationToken cancellationToken = default)
    {
        var target = Object(name, cancellationToken);
        var bytes = await target.ReadAsync()
            ?? throw Fail(
                $"DownloadObjectAsync({name}): {target.Key} does not exist.",
                "the object to exist",
                $"no such object; the invocation's user data holds {await DescribeUserDataAsync(cancellationToken)}",
                null);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationFile))!);
        await File.WriteAllBytesAsync(destinationFile, bytes, cancellationToken);
    }
}

using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// Assertions on one function instance, from <c>Expect(Function("work(3)"))</c>. Each waits until the instance is
/// final and its log complete, then checks; a failure says what was expected, what was found, the instance's last log
/// lines and where the run stands. A test project adds its own as extension methods over <see cref="Function"/>.
/// </summary>
public sealed class FunctionAssertions
{
    internal FunctionAssertions(FunctionHandle function) => Function = function;

    /// <summary>The instance asserted on: its state, log, waiting and failure report, for assertions of one's own.</summary>
    public FunctionHandle Function { get; }

    public Task ToCompleteAsync() => StatusAsync(FunctionStatus.Completed, nameof(ToCompleteAsync));

    /// <summary>Asserts the instance failed; its failure is then expected, so the run's objects are not kept for it.</summary>
    public Task ToFailAsync() => FailedAsync(nameof(ToFailAsync));

    /// <summary>Asserts no invoker dispatched the instance (a branch not taken), so it never ran.</summary>
    public Task NotToBeInvokedAsync() => StatusAsync(FunctionStatus.NotInvoked, nameof(NotToBeInvokedAsync));

    /// <summary>Asserts the instance was skipped: it never ran because the run stopped after a failure.</summary>
    public Task ToBeSkippedAsync() => StatusAsync(FunctionStatus.Skipped, nameof(ToBeSkippedAsync));

    /// <summary>Asserts the instance's whole log contains <paramref name="text"/> (ordinal), whatever its status.</summary>
    public Task ToLogAsync(string text) => LogAsync(text, nameof(ToLogAsync));

    internal Task FailedAsync(string assertion)
    {
        Function.Tester.ExpectFailureOf(Function.Name);
        return StatusAsync(FunctionStatus.Failed, assertion);
    }

    internal async Task StatusAsync(FunctionStatus expected, string assertion)
    {
        var state = await Function.SettledAsync(assertion);
        if (state.Status != expected)
        {
            throw Function.Failure(
                $"{assertion}({Function.Name}): {Function.Name} ended {state.Status.WireName}.",
                expected.WireName,
                FunctionHandle.Describe(state));
        }
    }

    internal async Task LogAsync(string text, string assertion)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var state = await Function.SettledAsync(assertion);
        var log = Function.Log;
        if (!log.Contains(text, StringComparison.Ordinal))
        {
            var found = FunctionHandle.Describe(state);
            throw Function.Failure(
                $"{assertion}({Function.Name}): the log of {Function.Name} does not contain the text.",
                $"a log containing {Function.Quote(text)}",
                log.Length == 0 ? $"no log ({found})" : $"{CountLines(log)} log lines without it ({found})");
        }
    }

    private static int CountLines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length;
}

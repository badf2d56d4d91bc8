using System.Runtime.CompilerServices;
using FaaSr.Testing.Monitoring;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// One function instance of a watched run ("sync1", "test-rank(3)"), bound to the cancellation of the test that asked
/// for it. Assert on it with <c>Expect(...)</c>; a test project's own assertion waits with <see cref="SettledAsync"/>
/// and fails with <see cref="Failure"/>, which gives the same expected/found/log-tail report as the built-in ones.
/// </summary>
public sealed class FunctionHandle
{
    internal FunctionHandle(WorkflowTester tester, string name, CancellationToken cancellationToken)
    {
        tester.Session.Graph.Instance(name);
        Tester = tester;
        Name = name;
        CancellationToken = cancellationToken;
    }

    /// <summary>The instance name, as in logs: "sync1", "test-rank(3)".</summary>
    public string Name { get; }

    /// <summary>The test's cancellation, used by every wait of this handle.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>What the monitor knows about the instance now, without waiting.</summary>
    public FunctionState State => Tester.Session.Monitor.StateOf(Name);

    /// <summary>The instance's log as read so far, without waiting.</summary>
    public string Log => Tester.Session.Monitor.LogOf(Name);

    /// <summary>
    /// Waits until the instance is final and its log complete (or monitoring ended), and returns its state. Fails,
    /// naming <paramref name="assertion"/>, when that takes longer than <see cref="WorkflowTesterOptions.WaitTimeout"/>
    /// or monitoring broke. It becomes the function whose log object assertions show.
    /// </summary>
    public Task<FunctionState> SettledAsync([CallerMemberName] string assertion = "") =>
        Tester.SettledAsync(Name, assertion, CancellationToken);

    /// <summary>
    /// The failure of an assertion on this function: <paramref name="headline"/>, what was expected, what was found,
    /// the function's last log lines and where the run stands, with the run's secrets masked. Throw it.
    /// </summary>
    public AssertFailedException Failure(string headline, string expected, string found) => Tester.Fail(headline, expected, found, Name);

    /// <summary>A quoted, escaped, shortened and secret-masked rendering of <paramref name="text"/> for a failure message.</summary>
    public string Quote(string text) => Tester.Report.Quote(text);

    /// <summary>"completed (.done written)": the status and its reason, as failures show what was found.</summary>
    public static string Describe(FunctionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return $"{state.Status.WireName} ({state.Reason})";
    }

    public override string ToString() => Name;

    internal WorkflowTester Tester { get; }
}

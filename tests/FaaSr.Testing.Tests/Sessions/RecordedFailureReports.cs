using System.Collections.Concurrent;
using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Sessions;

/// <summary>
/// The failure reports a compute made, for tests that start a compute without a session (and so without a monitor
/// to take them): each (instance, reason) in the order they came.
/// </summary>
internal sealed class RecordedFailureReports : IComputeFailureSink
{
    private readonly ConcurrentQueue<(string Instance, string Reason)> reports = new();

    public IReadOnlyList<(string Instance, string Reason)> Reports => reports.ToArray();

    public void ReportFailure(string instanceName, string reason) => reports.Enqueue((instanceName, reason));
}

using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.Cli.Views;

/// <summary>Run records of the size the views must cope with, built the way the monitor names instances.</summary>
internal static class BigRunRecords
{
    public static readonly DateTimeOffset StartedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// entry -> work(1..998) -> join, 1,000 instances: entry completed, of the ranks 900 completed, 10 failed, 80
    /// running and 8 invoked, join pending; still going unless <paramref name="finished"/>.
    /// </summary>
    public static RunRecord FanOut(bool finished = false, string workflow = "Scale", string invocationId = "0badcafe-1111")
    {
        var functions = new List<RunRecordFunction> { Function("entry", FunctionStatus.Completed, 0) };
        for (var rank = 1; rank <= 998; rank++)
        {
            functions.Add(Function($"work({rank})", StatusOfRank(rank), rank % 7));
        }

        functions.Add(Function("join", FunctionStatus.Pending, 0));
        return Record(workflow, invocationId, functions, finished);
    }

    /// <summary>The status of a rank of 998 in <see cref="FanOut"/>: 900 completed, 10 failed, 80 running, 8 invoked.</summary>
    public static FunctionStatus StatusOfRank(int rank) => rank switch
    {
        <= 900 => FunctionStatus.Completed,
        <= 910 => FunctionStatus.Failed,
        <= 990 => FunctionStatus.Running,
        _ => FunctionStatus.Invoked,
    };

    /// <summary>A run of <paramref name="actions"/> single-instance actions a0, a1, ...: all completed but one failed and one running.</summary>
    public static RunRecord ManyActions(int actions, int failed, int running)
    {
        var functions = Enumerable.Range(0, actions)
            .Select(i => Function($"a{i}", i == failed ? FunctionStatus.Failed : i == running ? FunctionStatus.Running : FunctionStatus.Completed, 1))
            .ToList();
        return Record("Wide", "feedbeef-2222", functions, finished: false);
    }

    public static RunRecord Record(string workflow, string invocationId, IReadOnlyList<RunRecordFunction> functions, bool finished) => new()
    {
        WorkflowName = workflow,
        InvocationId = invocationId,
        InvocationFolder = $"FaaSrLog/{workflow}/t/{invocationId}",
        Profile = "local",
        StartedAt = StartedAt,
        FinishedAt = finished ? StartedAt.AddSeconds(30) : null,
        Functions = functions,
    };

    public static RunRecordFunction Function(string name, FunctionStatus status, int second) => new()
    {
        Name = name,
        Status = status,
        InvokedAt = status == FunctionStatus.Pending ? null : StartedAt.AddSeconds(second),
        StartedAt = status is FunctionStatus.Pending or FunctionStatus.Invoked ? null : StartedAt.AddSeconds(second + 1),
        FinishedAt = status.IsFinal ? StartedAt.AddSeconds(second + 2) : null,
        LogKey = $"FaaSrLog/x/{name}.txt",
    };
}

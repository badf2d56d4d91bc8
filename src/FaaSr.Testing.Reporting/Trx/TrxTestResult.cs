namespace FaaSr.Testing.Reporting.Trx;

/// <summary>One test result of a TRX file: its method, class, outcome, duration, and the failure message, stack trace and output when there are any.</summary>
public sealed record TrxTestResult
{
    public required string Name { get; init; }

    /// <summary>The test class, namespace included ("FaaSr.IntegrationTests.FailingWorkflowTests"); empty when the TRX names none.</summary>
    public required string ClassName { get; init; }

    public required TestOutcome Outcome { get; init; }

    public required TimeSpan Duration { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public string Message { get; init; } = "";

    public string StackTrace { get; init; } = "";

    public string StdOut { get; init; } = "";

    /// <summary>The TRX file it came from ("integration.trx").</summary>
    public required string Source { get; init; }

    /// <summary>The class name without its namespace.</summary>
    public string ShortClassName => ClassName[(ClassName.LastIndexOf('.') + 1)..];
}

namespace FaaSr.Testing.Cli;

/// <summary>The exit codes other tools rely on (README.md, "The CLI"); <see cref="FailureExit"/> maps exceptions to them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The workflow ran and an instance ended other than completed or not_invoked.</summary>
    public const int WorkflowFailed = 1;

    /// <summary>Invalid workflow, bad arguments, missing credential.</summary>
    public const int BadInput = 2;

    /// <summary>No S3, no engine, no python3.</summary>
    public const int EnvironmentProblem = 3;

    /// <summary>run --compare: the two computes' runs differ (final statuses or objects), whether or not functions failed.</summary>
    public const int Difference = 4;

    /// <summary>A failure faasr-it did not foresee (a bug): one line on stderr, the stack trace with --verbose (EX_SOFTWARE).</summary>
    public const int Unexpected = 70;

    /// <summary>Stopped by Ctrl-C (SIGINT) or SIGTERM, after stopping what the verb had started (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}

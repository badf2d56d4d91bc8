using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Cli;

/// <summary>
/// The one place where an exception that escapes a verb becomes an exit code and a message: every verb runs under it
/// (<see cref="CliApplication.InvokeAsync"/>), so a subsystem that throws a <see cref="BadInputException"/> or an
/// <see cref="EnvironmentProblemException"/> is reported properly without any verb listing its exception types. What
/// fits no category is a bug in faasr-it: still one line and a non-zero exit, with the stack trace only when asked for.
/// </summary>
internal static class FailureExit
{
    /// <summary>Set to 1 or true for stack traces, as the --verbose option does.</summary>
    public const string VerboseVariable = "FAASR_IT_VERBOSE";

    /// <summary>The exit code for <paramref name="exception"/>'s category.</summary>
    public static int CodeFor(Exception exception) => CategoryOf(exception) switch
    {
        Category.BadInput => ExitCodes.BadInput,
        Category.Environment or Category.FileSystem => ExitCodes.EnvironmentProblem,
        Category.Interrupted => ExitCodes.Interrupted,
        _ => ExitCodes.Unexpected,
    };

    /// <summary>What to print: "<paramref name="verb"/>: the message", plus the exception's full text when verbose.</summary>
    public static string Describe(Exception exception, string verb, bool verbose)
    {
        var line = CategoryOf(exception) switch
        {
            Category.BadInput or Category.Environment => $"{verb}: {exception.Message}",
            Category.FileSystem => $"{verb}: file system error: {exception.Message}",
            Category.Interrupted => $"{verb}: interrupted; what was started is stopped.",
            _ => $"{verb}: unexpected error ({exception.GetType().Name}): {exception.Message}" +
                 (verbose ? string.Empty : $" This is a bug in faasr-it; --verbose (or {VerboseVariable}=1) shows where it happened."),
        };
        return verbose ? $"{line}{Environment.NewLine}{exception}" : line;
    }

    /// <summary>Whether the environment asks for stack traces.</summary>
    public static bool VerboseFromEnvironment() =>
        Environment.GetEnvironmentVariable(VerboseVariable) is { } value
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static Category CategoryOf(Exception exception) => exception switch
    {
        BadInputException => Category.BadInput,
        EnvironmentProblemException => Category.Environment,

        // A folder or file of this machine that cannot be read or written: not the user's input, not a bug.
        IOException or UnauthorizedAccessException => Category.FileSystem,
        OperationCanceledException => Category.Interrupted,

        // "It failed, and so did cleaning up": the first failure says what went wrong.
        AggregateException { InnerExceptions: [var first, ..] } => CategoryOf(first),
        _ => Category.Unexpected,
    };

    private enum Category
    {
        Unexpected,
        BadInput,
        Environment,
        FileSystem,
        Interrupted,
    }
}

using FaaSr.Testing.Diagnostics;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Collects the problems of one file; prefixes each message with the action it concerns. Messages are safe to print:
/// control characters from the file are escaped and long texts cut short; after <see cref="MaxProblems"/> problems
/// the rest are counted, not listed, so a broken file cannot flood the terminal.
/// </summary>
internal sealed class ProblemList(string file)
{
    /// <summary>The most problems listed for one file.</summary>
    public const int MaxProblems = 200;

    private const int MaxMessageLength = 2000;
    private readonly List<ValidationProblem> problems = [];
    private int unlisted;

    public string File { get; } = file;

    public IReadOnlyList<ValidationProblem> Items => unlisted == 0
        ? problems
        : [.. problems, new ValidationProblem(File, null, JsonPathText.Root,
            $"{unlisted} more problem(s) not listed; fix the ones above first")];

    public void Add(string? action, string jsonPath, string message)
    {
        if (problems.Count >= MaxProblems)
        {
            unlisted++;
            return;
        }

        var safeAction = action is null ? null : MessageText.Quote(action);
        var text = action is null ? message : $"action '{safeAction}': {message}";
        problems.Add(new ValidationProblem(File, safeAction, MessageText.Quote(jsonPath, MaxMessageLength),
            MessageText.Quote(text, MaxMessageLength)));
    }
}

namespace FaaSr.Testing.Workflows;

/// <summary>Collects the problems of one file; prefixes each message with the action it concerns.</summary>
internal sealed class ProblemList(string file)
{
    private readonly List<ValidationProblem> problems = [];

    public string File { get; } = file;

    public IReadOnlyList<ValidationProblem> Items => problems;

    public void Add(string? action, string jsonPath, string message) =>
        problems.Add(new ValidationProblem(File, action, jsonPath, action is null ? message : $"action '{action}': {message}"));
}

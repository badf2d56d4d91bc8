namespace FaaSr.Testing.Workflows;

/// <summary>
/// The outcome of reading and validating a workflow file. <see cref="Document"/> is null when the file is not a
/// JSON object at all; otherwise it holds what could be read, even when <see cref="Problems"/> is not empty.
/// </summary>
public sealed record WorkflowCheck(WorkflowDocument? Document, IReadOnlyList<ValidationProblem> Problems)
{
    /// <summary>
    /// What validates but crashes, or means something else, in a FaaSr 2.1 cloud action (see
    /// <see cref="CloudCrashRules"/>).
    /// </summary>
    public IReadOnlyList<ValidationProblem> Warnings { get; init; } = [];

    public bool IsValid => Document is not null && Problems.Count == 0;
}

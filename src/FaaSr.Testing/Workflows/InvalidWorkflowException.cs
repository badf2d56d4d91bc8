namespace FaaSr.Testing.Workflows;

/// <summary>A workflow file that cannot be used; the message lists every problem, one per line.</summary>
public sealed class InvalidWorkflowException : Exception
{
    public InvalidWorkflowException(IReadOnlyList<ValidationProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<ValidationProblem> Problems { get; }
}

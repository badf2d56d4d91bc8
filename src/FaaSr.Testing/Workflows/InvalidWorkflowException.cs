using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Workflows;

/// <summary>A workflow file that cannot be used; the message lists every problem, one per line. Bad input.</summary>
public sealed class InvalidWorkflowException : BadInputException
{
    public InvalidWorkflowException(IReadOnlyList<ValidationProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<ValidationProblem> Problems { get; }
}

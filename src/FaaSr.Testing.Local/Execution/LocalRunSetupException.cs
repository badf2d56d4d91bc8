using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Local.Execution;

/// <summary>The workflow cannot be run locally as given (bad input): nothing was started and nothing was written.</summary>
public sealed class LocalRunSetupException : BadInputException
{
    public LocalRunSetupException(string message)
        : base(message)
    {
    }

    public LocalRunSetupException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

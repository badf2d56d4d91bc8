using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// The invocation cannot be started as given (bad input: an unknown InvocationIDFromDate directive, an InvocationID
/// whose log folder already holds objects); nothing was started.
/// </summary>
public sealed class InvocationSetupException : BadInputException
{
    public InvocationSetupException(string message)
        : base(message)
    {
    }

    public InvocationSetupException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

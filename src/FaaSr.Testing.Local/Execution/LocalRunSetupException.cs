namespace FaaSr.Testing.Local.Execution;

/// <summary>The workflow cannot be run locally as given (bad input): nothing was started and nothing was written.</summary>
public sealed class LocalRunSetupException : Exception
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

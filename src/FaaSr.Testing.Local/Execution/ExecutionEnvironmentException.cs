using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Local.Execution;

/// <summary>This machine lacks something the run needs (a Python interpreter, a free loopback port).</summary>
public sealed class ExecutionEnvironmentException : EnvironmentProblemException
{
    public ExecutionEnvironmentException(string message)
        : base(message)
    {
    }

    public ExecutionEnvironmentException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

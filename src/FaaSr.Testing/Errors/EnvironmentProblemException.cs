namespace FaaSr.Testing.Errors;

/// <summary>
/// This machine or a service it needs cannot do its part: no interpreter, no free port, an S3 endpoint that keeps
/// failing, a folder that cannot be written. The input may be fine; the message says what is missing and how to fix
/// it, so a command line prints it on its own (no stack trace) and exits 3. Subsystems (S3, the local executor, Docker,
/// GitHub, git) derive their own environment errors from it, or throw it directly.
/// </summary>
public class EnvironmentProblemException : Exception
{
    public EnvironmentProblemException(string message)
        : base(message)
    {
    }

    public EnvironmentProblemException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

namespace FaaSr.Testing.Errors;

/// <summary>
/// The user gave something that cannot be used: a workflow file, an argument, a setting or a credential. The message
/// names the file, action or variable and says what is wrong; it is written for the user, so a command line prints it
/// on its own (no stack trace) and exits 2. Subsystems derive their own input errors from it, or throw it directly.
/// </summary>
public class BadInputException : Exception
{
    public BadInputException(string message)
        : base(message)
    {
    }

    public BadInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

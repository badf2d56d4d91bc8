using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Local;

/// <summary>
/// The local S3 server could not be found, started or reached; the message carries its output tail. An environment
/// problem.
/// </summary>
public sealed class LocalS3ServerException : EnvironmentProblemException
{
    public LocalS3ServerException(string message)
        : base(message)
    {
    }

    public LocalS3ServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

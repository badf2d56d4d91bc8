using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Storage;

/// <summary>
/// An object-store operation failed for a reason other than "not found", after any retries: the store (or the way to
/// it) is not usable as configured, an environment problem.
/// </summary>
public sealed class ObjectStoreException : EnvironmentProblemException
{
    public ObjectStoreException(string operation, string bucket, string? key, int attempts, string message, Exception? innerException)
        : base(message, innerException)
    {
        Operation = operation;
        Bucket = bucket;
        Key = key;
        Attempts = attempts;
    }

    /// <summary>The S3 operation, e.g. GetObject.</summary>
    public string Operation { get; }

    public string Bucket { get; }

    /// <summary>The object key, or null for bucket-level operations.</summary>
    public string? Key { get; }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; }
}

using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Containers.Images;

/// <summary>A Debian root file system could not be made (debootstrap missing, not root, mirror unreachable).</summary>
public sealed class RootfsException(string message, Exception? innerException = null)
    : EnvironmentProblemException(message, innerException);

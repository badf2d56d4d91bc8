using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Faasr.Sources;

/// <summary>
/// A FaaSr source that cannot be used: a folder that is not what its option needs, a git URL or ref that does not
/// resolve.
/// </summary>
public sealed class FaasrSourceException(string message, Exception? innerException = null) : BadInputException(message, innerException);

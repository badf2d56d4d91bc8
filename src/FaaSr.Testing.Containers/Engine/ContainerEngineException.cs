using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Containers.Engine;

/// <summary>The engine answered, but refused or failed an operation; the message is the engine's, with what was asked.</summary>
public sealed class ContainerEngineException(string message, Exception? innerException = null)
    : EnvironmentProblemException(message, innerException);

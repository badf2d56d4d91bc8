using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Containers.Engine;

/// <summary>No Docker Engine API answered at DOCKER_HOST or at any of the usual sockets (an environment problem).</summary>
public sealed class NoContainerEngineException(string message) : EnvironmentProblemException(message);

using FaaSr.Testing.Errors;

namespace FaaSr.Testing.Containers.Images;

/// <summary>
/// An image could not be built from its Dockerfile (bad input: exit 2): names the Dockerfile and carries the engine's
/// own message, which also says when a base image was missing and could not be pulled.
/// </summary>
public sealed class ImageBuildException(string dockerfile, string reason, Exception? innerException = null)
    : BadInputException($"{dockerfile}: {reason}", innerException)
{
    public string Dockerfile { get; } = dockerfile;

    public string Reason { get; } = reason;
}

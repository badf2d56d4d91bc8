namespace FaaSr.Testing.Containers.Images;

/// <summary>An image could not be built: names the Dockerfile and carries the engine's own message.</summary>
public sealed class ImageBuildException(string dockerfile, string reason, Exception? innerException = null)
    : Exception($"{dockerfile}: {reason}", innerException)
{
    public string Dockerfile { get; } = dockerfile;

    public string Reason { get; } = reason;
}

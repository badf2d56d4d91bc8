namespace FaaSr.Testing.Containers.Images;

/// <summary>
/// One Dockerfile under docker/ and the image it becomes: the folder it sits in is its build context, and its path
/// gives the image's name (docker/python-function/Dockerfile is python-function, docker/tools/lint.Dockerfile is
/// tools-lint).
/// </summary>
/// <param name="DockerfilePath">Full path of the Dockerfile.</param>
/// <param name="DisplayPath">The Dockerfile's path relative to the repository root (or as given), for messages and labels.</param>
/// <param name="ContextDirectory">Full path of the build context.</param>
/// <param name="Name">The image name without repository prefix or tag.</param>
public sealed record ImageDefinition(string DockerfilePath, string DisplayPath, string ContextDirectory, string Name)
{
    /// <summary>The Dockerfile's path inside its context, as the engine's dockerfile parameter takes it.</summary>
    public string DockerfileInContext => Path.GetRelativePath(ContextDirectory, DockerfilePath).Replace('\\', '/');
}

namespace FaaSr.Testing.Containers.Running;

/// <summary>One command to run in a fresh container of <paramref name="Image"/>.</summary>
/// <param name="Image">The image reference.</param>
/// <param name="Command">The arguments: the whole command, or what follows the entrypoint.</param>
/// <param name="Environment">Variables set in the container; their values are never logged.</param>
/// <param name="InputDirectory">A host folder copied into the container at <paramref name="InputPath"/> before it starts, or null.</param>
/// <param name="InputPath">Where the input folder lands inside the container.</param>
/// <param name="WorkingDirectory">The command's working directory inside the container, or null for the image's.</param>
/// <param name="Timeout">The container is killed after this long, and the result says it timed out.</param>
/// <param name="Entrypoint">Replaces the image's entrypoint when given.</param>
public sealed record ContainerCommand(
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment,
    string? InputDirectory,
    string InputPath,
    string? WorkingDirectory,
    TimeSpan Timeout,
    IReadOnlyList<string>? Entrypoint = null)
{
    public static ContainerCommand Of(string image, params string[] command) =>
        new(image, command, new Dictionary<string, string>(), null, "/work", null, TimeSpan.FromMinutes(10));
}

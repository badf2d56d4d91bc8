using FaaSr.Testing.Containers;
using FaaSr.Testing.Containers.Images;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Containers;

/// <summary>The committed build contexts of the container tests and the build settings they share.</summary>
internal static class ContainerTestImages
{
    public static ImageDefinition Context(string name)
    {
        var folder = RepositoryFiles.Path("tests", "FaaSr.Testing.Tests", "Containers", "Contexts", name);
        return new ImageDefinition(Path.Combine(folder, "Dockerfile"), $"tests/FaaSr.Testing.Tests/Containers/Contexts/{name}/Dockerfile",
            folder, $"test-{name}");
    }

    public static ImageBuildSettings Settings(ProjectLabels labels, IReadOnlyDictionary<string, string>? buildArguments = null) => new(
        "test",
        buildArguments ?? new Dictionary<string, string>(),
        labels,
        [RootfsBaseImage.DebianPython3(labels)],
        ContainerCache.Directory(Environment.GetEnvironmentVariable));
}

namespace FaaSr.Testing.Containers.Images;

/// <summary>
/// A base image this project makes itself, because no image registry can be reached: a minimal Debian root file
/// system made by debootstrap (with <see cref="Packages"/>), imported into the engine as <see cref="Reference"/>.
/// </summary>
public sealed record RootfsBaseImage(string Reference, string Suite, IReadOnlyList<string> Packages, IReadOnlyList<string> Command)
{
    /// <summary>
    /// Debian bookworm with python3, the base of docker/python-function:
    /// <c>localhost/{scope}/debian-python3:bookworm</c>.
    /// </summary>
    public static RootfsBaseImage DebianPython3(ProjectLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new($"{labels.RepositoryPrefix}debian-python3:bookworm", "bookworm", ["python3"], ["/usr/bin/python3"]);
    }

    /// <summary>The file name of its root file system in the cache, e.g. <c>debian-bookworm-minbase-python3.tar</c>.</summary>
    public string RootfsFileName => $"debian-{Suite}-minbase-{string.Join('-', Packages)}.tar";
}

namespace FaaSr.Testing.Containers;

/// <summary>
/// How this project marks what it makes in a container engine, so cleanup can remove exactly that. Every image,
/// container and network it creates carries <see cref="ProjectKey"/> = <see cref="Scope"/>, and images are named
/// under <c>localhost/{Scope}/</c>. The default scope is <c>faasr-it</c>; tests use a scope of their own so that their
/// cleanup never touches the images a developer built.
/// </summary>
public sealed record ProjectLabels(string Scope)
{
    public const string ProjectKey = "org.faasr-it.project";
    public const string DockerfileKey = "org.faasr-it.dockerfile";
    public const string CommitKey = "org.faasr-it.commit";
    public const string DefaultScope = "faasr-it";

    public static ProjectLabels Default { get; } = new(DefaultScope);

    /// <summary>The repository prefix of every image name in this scope, e.g. <c>localhost/faasr-it/</c>.</summary>
    public string RepositoryPrefix => $"localhost/{Scope}/";

    /// <summary>The engine filter value that selects this scope's objects: <c>org.faasr-it.project={Scope}</c>.</summary>
    public string Filter => $"{ProjectKey}={Scope}";

    public Dictionary<string, string> ForObject() => new(StringComparer.Ordinal) { [ProjectKey] = Scope };

    /// <summary>Whether an image tag belongs to this scope (engines may drop the <c>localhost/</c> registry part).</summary>
    public bool OwnsTag(string tag) =>
        tag.StartsWith(RepositoryPrefix, StringComparison.Ordinal) || tag.StartsWith($"{Scope}/", StringComparison.Ordinal);

    /// <summary>The label filter in the shape the Engine API's list and prune calls take.</summary>
    public IDictionary<string, IDictionary<string, bool>> LabelFilters() =>
        new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [Filter] = true } };
}

namespace FaaSr.Testing.Containers.Images;

/// <summary>What every image of one build shares.</summary>
/// <param name="Tag">The tag, normally the git commit (<see cref="SourceCommit"/>); images are tagged "latest" too.</param>
/// <param name="BuildArguments">Passed to every Dockerfile as --build-arg would.</param>
/// <param name="Labels">The scope the images are labelled and named in.</param>
/// <param name="KnownBases">Base images this project can make itself when a Dockerfile names one that is missing.</param>
/// <param name="CacheDirectory">Where the root file systems of <paramref name="KnownBases"/> are kept.</param>
public sealed record ImageBuildSettings(
    string Tag,
    IReadOnlyDictionary<string, string> BuildArguments,
    ProjectLabels Labels,
    IReadOnlyList<RootfsBaseImage> KnownBases,
    string CacheDirectory);

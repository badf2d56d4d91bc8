namespace FaaSr.Testing.Faasr.Sources;

/// <summary>
/// One FaaSr code base as a run used it: what the user gave (<paramref name="Given"/>: a folder, or a git URL with
/// @ref), the folder the files were read from, and the commit when there is one (null for a folder outside git);
/// <paramref name="Modified"/> when a local work tree had uncommitted changes, so "commit X" alone would mislead.
/// </summary>
public sealed record FaasrSource(FaasrSourceRole Role, string Given, string Folder, string? Commit, bool Modified)
{
    /// <summary>"FaaSr-Backend at 0123abc (modified) from ../FaaSr-Backend".</summary>
    public string Describe() =>
        $"{Role.Project} at {(Commit is null ? "a folder outside git" : Commit[..Math.Min(12, Commit.Length)])}" +
        $"{(Modified ? " with uncommitted changes" : string.Empty)} from {Given}";

    /// <summary>Resolves a path inside the source.</summary>
    public string PathOf(string relative) => Path.Combine(Folder, relative.Replace('/', Path.DirectorySeparatorChar));
}

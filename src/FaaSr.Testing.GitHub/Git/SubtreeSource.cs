namespace FaaSr.Testing.GitHub.Git;

/// <summary>
/// Where a subtree comes from and where it goes: the upstream repository (a URL or a local path), the branch, tag or
/// commit, and the folder of this repository it fills.
/// </summary>
public sealed record SubtreeSource(string Url, string Ref, string Prefix)
{
    public const string DefaultUrl = "https://github.com/FaaSr/FaaSr-workflow";
    public const string DefaultRef = "main";
    public const string DefaultPrefix = "faasr_workflow";

    /// <summary>FaaSr-workflow's main branch into faasr_workflow/.</summary>
    public static SubtreeSource FaaSrWorkflow { get; } = new(DefaultUrl, DefaultRef, DefaultPrefix);
}

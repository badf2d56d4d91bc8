namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Where an action's code lives locally: folders to walk, or single files, in the workflow's order; and where
/// FaaSr 2.1 would put each of them below the action's download folder /tmp/functions/{InvocationID}.
/// </summary>
public sealed record FunctionSource(IReadOnlyList<string> Folders, IReadOnlyList<string> Files)
{
    public IReadOnlyList<FunctionCodePlacement> Placements { get; init; } = [];
}

/// <summary>A local file or folder and its path below the download folder ("owner-repo-sha/functions/X").</summary>
public sealed record FunctionCodePlacement(string LocalPath, string DownloadPath);

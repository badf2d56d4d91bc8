namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>What a <see cref="GitHubStandIn"/> serves and how strict it is.</summary>
public sealed record GitHubStandInOptions
{
    /// <summary>The repositories served; more can be created through <c>POST /user/repos</c>.</summary>
    public IReadOnlyList<StandInRepositorySource> Repositories { get; init; } = [];

    /// <summary>The login <c>GET /user</c> answers and the owner of repositories created with <c>POST /user/repos</c>.</summary>
    public string AuthenticatedUser { get; init; } = "faasr-it";

    /// <summary>When set, a request with any other token gets 401 "Bad credentials"; when null every token is accepted.</summary>
    public IReadOnlyCollection<string>? AcceptedTokens { get; init; }

    /// <summary>
    /// As GitHub: a dispatch of a workflow file that is not in the repository (<c>.github/workflows/{file}</c>, in its
    /// folder or written through the contents API) gets 404. Off, every dispatch is accepted.
    /// </summary>
    public bool RequireRegisteredWorkflows { get; init; } = true;

    /// <summary>Called for every accepted dispatch, after it is recorded and before the answer is sent: queue long work.</summary>
    public Func<WorkflowDispatch, CancellationToken, Task>? OnDispatch { get; init; }
}

/// <summary>
/// A repository the stand-in serves as <paramref name="Owner"/>/<paramref name="Name"/> on one branch,
/// <paramref name="DefaultBranch"/>, from <paramref name="Folder"/>'s files (null: an empty repository). In a git work
/// tree the files are those git would commit (tracked and untracked, not ignored); elsewhere every file but .git/.
/// Writes through the API never touch the folder: they are kept in memory (<see cref="StandInRepository.WrittenFiles"/>).
/// </summary>
public sealed record StandInRepositorySource(string Owner, string Name, string? Folder, string DefaultBranch = "main");

using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Git;

/// <summary>
/// The subtree cannot be updated because of the repository or the arguments: uncommitted changes, a folder in the way,
/// an unknown ref, or a merge that conflicts. The repository is as it was before; the message says why and what to do.
/// Bad input, exit 2.
/// </summary>
public sealed class SubtreeUpdateException(string message) : BadInputException(message);

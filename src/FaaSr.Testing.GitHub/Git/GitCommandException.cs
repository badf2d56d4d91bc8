using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Git;

/// <summary>A git command failed for a reason of this machine or the network (the upstream cannot be reached); exit 3.</summary>
public sealed class GitCommandException(string message) : EnvironmentProblemException(message);

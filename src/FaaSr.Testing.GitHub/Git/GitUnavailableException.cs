using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Git;

/// <summary>The git program cannot be started (not installed, not on PATH): an environment problem.</summary>
public sealed class GitUnavailableException(string message, Exception inner) : EnvironmentProblemException(message, inner);

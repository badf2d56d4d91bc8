namespace FaaSr.Testing.GitHub.Git;

/// <summary>The git program cannot be started (not installed, not on PATH).</summary>
public sealed class GitUnavailableException(string message, Exception inner) : Exception(message, inner);

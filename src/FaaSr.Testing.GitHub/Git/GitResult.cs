namespace FaaSr.Testing.GitHub.Git;

/// <summary>How one git command ended: its exit code and what it printed.</summary>
public sealed record GitResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>What git said, for a message: stderr, else stdout, trimmed.</summary>
    public string Said => (Error.Trim().Length > 0 ? Error : Output).Trim();
}

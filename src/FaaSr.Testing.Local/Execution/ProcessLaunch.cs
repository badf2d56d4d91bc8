namespace FaaSr.Testing.Local.Execution;

/// <summary>One process to start: program, arguments, folder, the complete environment, and text for its stdin.</summary>
internal sealed record ProcessLaunch(
    string Program,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string StandardInput)
{
    /// <summary>The process tree is killed when it runs longer than this; null for no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    // The environment holds secrets: keep it out of ToString().
    public override string ToString() => $"{Program} {string.Join(' ', Arguments)} (in {WorkingDirectory})";
}

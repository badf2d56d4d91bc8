namespace FaaSr.Testing.GitHub.Registration;

/// <summary>An action whose GitHub Actions workflow file is not in the repository on the branch after registration.</summary>
public sealed record MissingWorkflowFile(string Action, string Path, string Branch)
{
    public override string ToString() => $"{Path} (action {Action}) on {Branch}";
}

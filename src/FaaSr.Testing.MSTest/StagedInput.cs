namespace FaaSr.Testing.MSTest;

/// <summary>A local file uploaded as {UserDataFolder}/{InvocationID}/{Object} before the workflow starts.</summary>
/// <param name="Object">The object name under the invocation's user-data folder ("input.txt", "data/a.csv").</param>
/// <param name="SourceFile">The local file; relative paths start at the repository root.</param>
public sealed record StagedInput(string Object, string SourceFile)
{
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Object, nameof(Object));
        ArgumentException.ThrowIfNullOrWhiteSpace(SourceFile, nameof(SourceFile));
        if (Object.StartsWith('/') || Object.Split('/').Contains(".."))
        {
            throw new ArgumentException(
                $"Staged input '{Object}': the object name must be relative and stay inside the invocation's folder.", nameof(Object));
        }
    }
}

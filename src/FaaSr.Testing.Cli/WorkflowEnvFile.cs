using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Cli;

/// <summary>The faasr-it repository a workflow file is in, and the .env file a verb reads for it when --env-file is not given.</summary>
internal static class WorkflowEnvFile
{
    /// <summary>The repository's .env when the workflow is inside one, else ./.env.</summary>
    public static string For(string workflowFile) => Path.Combine(RootFor(workflowFile), ".env");

    /// <summary>The root of the repository holding the workflow (FaaSr.Testing.slnx), else the current folder.</summary>
    public static string RootFor(string workflowFile)
    {
        try
        {
            return RepositoryLayout.Find(Path.GetDirectoryName(Path.GetFullPath(workflowFile))!).Root;
        }
        catch (DirectoryNotFoundException)
        {
            return Directory.GetCurrentDirectory();
        }
    }
}

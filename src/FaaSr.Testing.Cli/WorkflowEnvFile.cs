using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Cli;

/// <summary>The .env file a verb reads for a workflow when --env-file is not given.</summary>
internal static class WorkflowEnvFile
{
    /// <summary>The repository's .env when the workflow is inside one, else ./.env.</summary>
    public static string For(string workflowFile)
    {
        try
        {
            return RepositoryLayout.Find(Path.GetDirectoryName(Path.GetFullPath(workflowFile))!).EnvFile;
        }
        catch (DirectoryNotFoundException)
        {
            return Path.GetFullPath(".env");
        }
    }
}

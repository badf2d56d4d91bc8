using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Cli;

/// <summary>
/// Where run and monitor keep every run's record, logs, graph and objects when --runs is not given: artifacts/runs of
/// the faasr-it repository holding the workflow (where watch and report look), else artifacts/runs of the current folder.
/// </summary>
internal static class WorkflowRunsFolder
{
    public static string For(string workflowFile, string? given)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        try
        {
            return RepositoryLayout.Find(Path.GetDirectoryName(Path.GetFullPath(workflowFile))!).RunsFolder;
        }
        catch (DirectoryNotFoundException)
        {
            return Path.GetFullPath(Path.Combine("artifacts", "runs"));
        }
    }

    /// <summary>{folder}/{workflow}-{invocationId}.json, as the tester names its records.</summary>
    public static string RecordPath(string folder, IWorkflowSession session) =>
        Path.Combine(folder, $"{session.Graph.WorkflowName}-{RunArtifacts.SafeFileName(session.InvocationId)}.json");
}

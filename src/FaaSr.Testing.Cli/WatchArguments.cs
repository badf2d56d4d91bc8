using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Cli;

/// <summary>The checks run and monitor make of the same arguments before anything starts: each writes why it refused.</summary>
internal static class WatchArguments
{
    /// <summary>False (having said why) when --record names a path that cannot hold a record.</summary>
    public static async Task<bool> RecordIsWritableAsync(string verb, string? recordFile, TextWriter error)
    {
        if (recordFile is null)
        {
            return true;
        }

        try
        {
            RunRecordFile.EnsureWritable(recordFile);
            return true;
        }
        catch (IOException exception)
        {
            await error.WriteLineAsync($"{verb}: --record '{recordFile}': {exception.Message}");
            return false;
        }
    }

    /// <summary>The workflow's graph, or null once every problem of the file was written.</summary>
    public static async Task<WorkflowGraph?> LoadAsync(string workflowFile, TextWriter error)
    {
        var check = WorkflowLoader.CheckFile(workflowFile);
        if (check.IsValid && check.Document is not null)
        {
            return WorkflowGraph.Build(check.Document);
        }

        foreach (var problem in check.Problems)
        {
            await error.WriteLineAsync(problem.ToString());
        }

        return null;
    }
}

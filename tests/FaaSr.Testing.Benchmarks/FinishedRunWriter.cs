using System.Globalization;
using System.Text;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Benchmarks;

/// <summary>
/// Writes what a finished, successful run of entry -> work(N) -> join leaves in S3, all at once: every instance's
/// whole log (ending in its scheduler line, as FaaSr's do) and its .done file.
/// </summary>
internal static class FinishedRunWriter
{
    public static async Task WriteAsync(IObjectStore store, WorkflowGraph graph, InvocationFolder folder, string entry, string work,
        string join, CancellationToken cancellationToken)
    {
        var ranks = graph.InstancesOf(work).Count;
        var writes = graph.Instances.Select(instance =>
        {
            var schedulerLines = instance.Action == entry
                ? Enumerable.Repeat($"GitHub Action: Successfully invoked: {work}", ranks).ToArray()
                : instance.Action == work ? [$"GitHub Action: Successfully invoked: {join}"]
                : [$"no triggers for {join}"];
            return (instance, Log(instance.Name, folder.InvocationId, schedulerLines));
        }).ToArray();
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (write, token) =>
        {
            await store.PutAsync(folder.LogKey(write.instance), Encoding.UTF8.GetBytes(write.Item2), token);
            await store.PutAsync(folder.DoneKey(write.instance), "True"u8.ToArray(), token);
        });
    }

    private static string Log(string instance, string invocationId, string[] schedulerLines)
    {
        var log = new StringBuilder();
        var seconds = 0.0;
        void Line(string level, string file, string message)
        {
            seconds += 0.173;
            log.Append(CultureInfo.InvariantCulture, $"[{seconds:0.###}] [{level}] [{file}] {message}\n");
        }

        Line("INFO", "faasr_entry.py", "Get git repo files: owner/repo/functions");
        Line("INFO", "server.py", "Starting server on localhost port 8000");
        Line("INFO", "faasr_entry.py", $"Starting function: {instance} (Python)");
        log.Append(CultureInfo.InvariantCulture, $"Using invocation ID: {invocationId}\n");
        Line("INFO", "server.py", "Processing request: faasr_log");
        Line("INFO", "server.py", "Processing request: faasr_put_file");
        foreach (var line in schedulerLines)
        {
            Line("INFO", "scheduler.py", line);
        }

        return log.ToString();
    }
}

using System.Security.Cryptography;
using System.Text;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// FaaSr's abort_on_multiple_invocations (docs/faasr-semantics.md, "Fan-in"): every predecessor dispatches a fan-in action, and each start
/// first checks that every predecessor's .done exists (else it stops, writing nothing), then appends a random number
/// to F/{action}.candidate under a lock; only the start whose number is the file's first line runs.
/// The lock is in-process (this executor is the only writer), with the effect of FaaSr's S3 spin lock.
/// </summary>
internal static class FanInGate
{
    private const int ListPageSize = 1000;

    public static async Task<FanInDecision> DecideAsync(LocalRunContext run, string action, CancellationToken cancellationToken)
    {
        // A predecessor this run has not finished cannot have a .done yet: stop without asking S3 (a wide fan-in is
        // started once per predecessor, and all but the last starts stop here).
        var unfinished = run.Graph.PredecessorInstancesOf(action).FirstOrDefault(p => !run.CompletionWritten(p));
        if (unfinished is not null)
        {
            return FanInDecision.Stop(MissingDone(unfinished));
        }

        // FaaSr 2.1 reads one list_objects_v2 page of the whole folder F (prefix F, no '/'): a .done beyond the first
        // 1,000 keys is not seen, and the start stops as if the predecessor had not finished.
        var done = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in run.LoggingStore.ListAsync(run.Folder.Prefix, cancellationToken))
        {
            if (done.Count == ListPageSize)
            {
                break;
            }

            done.Add(entry.Key);
        }

        var missing = run.Graph.PredecessorInstancesOf(action).FirstOrDefault(p => !done.Contains(run.Folder.DoneKey(p)));
        if (missing is not null)
        {
            return FanInDecision.Stop(MissingDone(missing));
        }

        var key = run.Folder.CandidateKey(action);
        var gate = run.FanInLock(action);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var existing = await run.LoggingStore.GetAsync(key, cancellationToken) is { } bytes ? Encoding.UTF8.GetString(bytes) : string.Empty;
            var lines = existing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string mine;
            do
            {
                mine = RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            while (lines.Contains(mine));

            var content = existing.Length == 0 || existing.EndsWith('\n') ? existing : existing + "\n";
            await run.LoggingStore.PutAsync(key, Encoding.UTF8.GetBytes(content + mine + "\n"), cancellationToken);
            return lines.Length == 0
                ? new FanInDecision(true, mine, null)
                : FanInDecision.Stop("Not the last trigger invoked - random number does not match (another start of the fan-in runs it).", mine);
        }
        finally
        {
            gate.Release();
        }
    }

    private static string MissingDone(FunctionInstance predecessor) =>
        $"Missing .done file for predecessor: {predecessor.CompletionName} (this start of the fan-in stopped).";
}

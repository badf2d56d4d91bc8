using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// Where a workflow's function code is when nobody said: the first of a few likely folders under which every Python
/// and R action finds its code (<see cref="FunctionSourceResolver"/>). The places, in order: the functions/ folder
/// beside the workflow's folder (a repository laid out as workflows/X.json and functions/X/, as the seed's is), the
/// current folder (run from a repository's root), and the workflow's own folder (code beside the workflow file).
/// </summary>
public static class FunctionsFolderSearch
{
    /// <summary>The folders looked at for <paramref name="workflowFile"/>, in order, each once.</summary>
    public static IReadOnlyList<string> CandidatesFor(string workflowFile, string currentFolder)
    {
        var workflowFolder = Path.GetDirectoryName(Path.GetFullPath(workflowFile)) ?? Path.GetFullPath(currentFolder);
        return new[]
        {
            Path.GetFullPath(Path.Combine(workflowFolder, "..", "functions")),
            Path.GetFullPath(currentFolder),
            workflowFolder,
        }.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The first candidate under which every action finds its code.</summary>
    /// <exception cref="LocalRunSetupException">None does: the message names the first action that found nothing and every path tried, shortest first.</exception>
    public static string Choose(WorkflowDocument document, IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        (ActionDefinition Action, string Key, string Value, IReadOnlyList<string> Tried)? first = null;
        foreach (var candidate in candidates)
        {
            if (new FunctionSourceResolver(candidate).FindsEveryAction(document, out var missing))
            {
                return Path.GetFullPath(candidate);
            }

            first ??= missing;
        }

        // The first action that found nothing, with what every candidate tried for it.
        var (action, key, value, _) = first!.Value;
        var tried = candidates.SelectMany(candidate => Tried(candidate, document, action)).ToList();
        throw new LocalRunSetupException(FunctionSourceResolver.NotFoundMessage(action, key, value, candidates, tried));
    }

    /// <summary>What <paramref name="candidate"/> tried for <paramref name="action"/>; nothing when it finds that one (and missed another).</summary>
    private static IReadOnlyList<string> Tried(string candidate, WorkflowDocument document, ActionDefinition action) =>
        new FunctionSourceResolver(candidate).FindsEveryAction(document with { Actions = [action] }, out var missing) || missing is null ? [] : missing.Value.Tried;
}

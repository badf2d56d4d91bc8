using FaaSr.Testing.Diagnostics;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// The fields that become parts of object keys or local paths (FaaSrLog, InvocationID, InvocationTimestamp, each
/// data store's Bucket, FunctionGitRepo and FunctionLocalFile paths) cannot leave their folder: no '..' segments,
/// no absolute forms, nothing a file-backed S3 server would map outside its data folder (see <see cref="ObjectKeyRules"/>).
/// </summary>
internal static class StorageKeyRules
{
    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        CheckKeyPart("FaaSrLog", string.IsNullOrEmpty(document.FaaSrLog) ? null : document.FaaSrLog.TrimEnd('/'), document.FaaSrLog,
            problems);
        CheckKeyPart("InvocationID", document.InvocationId, document.InvocationId, problems);
        CheckKeyPart("InvocationTimestamp", document.InvocationTimestamp, document.InvocationTimestamp, problems);

        foreach (var store in document.DataStores.Values)
        {
            if (ObjectKeyRules.BucketNameProblem(store.Bucket) is { } problem)
            {
                problems.Add(null, WorkflowPaths.StoreKey(store.Name, "Bucket"),
                    $"Bucket '{MessageText.Quote(store.Bucket)}' of data store '{store.Name}': {problem}");
            }
        }

        CheckSourcePaths(document, "FunctionGitRepo", document.FunctionGitRepo, problems);
        CheckSourcePaths(document, "FunctionLocalFile", document.FunctionLocalFile, problems);
    }

    private static void CheckKeyPart(string key, string? checkedValue, string? shownValue, ProblemList problems)
    {
        // An empty FaaSrLog means the default; an empty InvocationID or InvocationTimestamp means "decide one".
        if (string.IsNullOrEmpty(checkedValue) && shownValue is not null && shownValue.Length > 0)
        {
            problems.Add(null, WorkflowPaths.Key(key), $"{key} '{MessageText.Quote(shownValue)}' is only '/': it would be an absolute key");
            return;
        }

        if (!string.IsNullOrEmpty(checkedValue) && ObjectKeyRules.KeyPartProblem(checkedValue) is { } problem)
        {
            problems.Add(null, WorkflowPaths.Key(key),
                $"{key} '{MessageText.Quote(shownValue!)}' cannot be part of an object key: {problem}");
        }
    }

    private static void CheckSourcePaths(WorkflowDocument document, string key, IReadOnlyDictionary<string, IReadOnlyList<string>> paths,
        ProblemList problems)
    {
        foreach (var (function, values) in paths)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (LeavesItsFolder(values[i]))
                {
                    var path = JsonPathText.Property(WorkflowPaths.Key(key), function);
                    problems.Add(
                        document.Actions.FirstOrDefault(a => a.FunctionName == function)?.Name,
                        values.Count > 1 ? JsonPathText.Index(path, i) : path,
                        $"{key} '{MessageText.Quote(values[i])}' has a '..' segment; code must come from inside the functions folder");
                }
            }
        }
    }

    private static bool LeavesItsFolder(string value) =>
        value.Split('/', '\\').Concat(Uri.UnescapeDataString(value).Split('/', '\\')).Any(segment => segment == "..");
}

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Rules for the maps keyed by FunctionName (FunctionGitRepo, FunctionLocalFile, package lists) and by action name
/// (ActionContainers): an action name used where a FunctionName belongs is reported (other unused entries are
/// harmless to FaaSr and tolerated), ActionContainers names real actions, and a function's code comes from one place.
/// </summary>
internal static class FunctionSourceRules
{
    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        var functionNames = document.Actions.Select(a => a.FunctionName).ToHashSet(StringComparer.Ordinal);
        var actionNames = document.Actions.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var function in document.FunctionGitRepo.Keys.Where(document.FunctionLocalFile.ContainsKey))
        {
            problems.Add(ActionUsing(document, function), JsonPathText.Property(WorkflowPaths.Key("FunctionLocalFile"), function),
                $"function '{function}' is in both FunctionGitRepo and FunctionLocalFile; its code must come from one of them");
        }

        CheckKeyedByFunction(document, "FunctionGitRepo", document.FunctionGitRepo.Keys, functionNames, actionNames, problems);
        CheckKeyedByFunction(document, "FunctionLocalFile", document.FunctionLocalFile.Keys, functionNames, actionNames, problems);
        CheckKeyedByFunction(document, "PyPIPackageDownloads", document.PyPIPackageDownloads.Keys, functionNames, actionNames, problems);
        CheckKeyedByFunction(document, "FunctionCRANPackage", document.FunctionCRANPackage.Keys, functionNames, actionNames, problems);
        CheckKeyedByFunction(document, "FunctionGitHubPackage", document.FunctionGitHubPackage.Keys, functionNames, actionNames, problems);

        foreach (var action in document.ActionContainers.Keys.Where(a => !actionNames.Contains(a)))
        {
            problems.Add(null, JsonPathText.Property(WorkflowPaths.Key("ActionContainers"), action),
                $"ActionContainers names '{action}', which is not in ActionList");
        }
    }

    private static void CheckKeyedByFunction(
        WorkflowDocument document,
        string key,
        IEnumerable<string> keys,
        HashSet<string> functionNames,
        HashSet<string> actionNames,
        ProblemList problems)
    {
        foreach (var name in keys.Where(k => !functionNames.Contains(k) && actionNames.Contains(k)))
        {
            problems.Add(null, JsonPathText.Property(WorkflowPaths.Key(key), name),
                $"{key} names the action '{name}', but it is keyed by FunctionName: use '{document.FindAction(name)!.FunctionName}'");
        }
    }

    private static string? ActionUsing(WorkflowDocument document, string function) =>
        document.Actions.FirstOrDefault(a => a.FunctionName == function)?.Name;
}

namespace FaaSr.Testing.Workflows;

/// <summary>
/// InvokeNext rules (docs/faasr-semantics.md, "Workflow file"): every target is an action of ActionList, written as a name or name(rank)
/// with rank at least 1, and a list holds at most one conditional object.
/// </summary>
internal static class InvokeNextRules
{
    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        var actionNames = document.Actions.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var action in document.Actions)
        {
            var conditionals = 0;
            for (var i = 0; i < action.InvokeNext.Count; i++)
            {
                var itemPath = WorkflowPaths.InvokeNextItem(action.Name, i);
                switch (action.InvokeNext[i])
                {
                    case InvokeTarget target:
                        CheckTarget(action.Name, target, itemPath, actionNames, problems);
                        break;
                    case ConditionalInvoke conditional:
                        if (++conditionals == 2)
                        {
                            problems.Add(action.Name, itemPath,
                                "InvokeNext may hold at most one conditional {\"True\": ..., \"False\": ...} object");
                        }

                        CheckBranch(action.Name, conditional.WhenTrue, JsonPathText.Property(itemPath, InvokeNextReader.TrueKey),
                            actionNames, problems);
                        CheckBranch(action.Name, conditional.WhenFalse, JsonPathText.Property(itemPath, InvokeNextReader.FalseKey),
                            actionNames, problems);
                        break;
                }
            }
        }
    }

    private static void CheckBranch(string action, IReadOnlyList<InvokeTarget> branch, string branchPath, HashSet<string> actionNames,
        ProblemList problems)
    {
        for (var j = 0; j < branch.Count; j++)
        {
            CheckTarget(action, branch[j], JsonPathText.Index(branchPath, j), actionNames, problems);
        }
    }

    private static void CheckTarget(string action, InvokeTarget target, string path, HashSet<string> actionNames, ProblemList problems)
    {
        if (!WorkflowPatterns.ActionName().IsMatch(target.Action))
        {
            problems.Add(action, path, $"InvokeNext target '{target}' must be an action name or name(rank), e.g. \"b\" or \"b(3)\"");
        }
        else if (target.IsRanked && target.Rank < 1)
        {
            problems.Add(action, path, $"InvokeNext target '{target}' has rank {target.Rank}; a rank must be at least 1");
        }
        else if (!actionNames.Contains(target.Action))
        {
            problems.Add(action, path, $"InvokeNext names '{target.Action}', which is not in ActionList");
        }
    }
}

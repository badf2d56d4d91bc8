namespace FaaSr.Testing.Workflows;

/// <summary>
/// The name patterns of docs/faasr-semantics.md, "Workflow file": WorkflowName, action names, FunctionName and secret
/// names.
/// </summary>
internal static class NamingRules
{
    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        if (document.WorkflowName.Length > 0 && !WorkflowPatterns.ActionName().IsMatch(document.WorkflowName))
        {
            problems.Add(null, WorkflowPaths.Key("WorkflowName"),
                $"WorkflowName '{document.WorkflowName}' must start with a letter and hold only letters, digits and " +
                $"hyphens (no underscores)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in document.Actions)
        {
            if (!seen.Add(action.Name))
            {
                problems.Add(action.Name, WorkflowPaths.Action(action.Name), "the action name appears more than once in ActionList");
            }

            if (!WorkflowPatterns.ActionName().IsMatch(action.Name))
            {
                problems.Add(action.Name, WorkflowPaths.Action(action.Name),
                    "an action name must start with a letter and hold only letters, digits and hyphens (no underscores)");
            }

            if (action.FunctionName.Length > 0 && !WorkflowPatterns.FunctionName().IsMatch(action.FunctionName))
            {
                problems.Add(action.Name, WorkflowPaths.ActionKey(action.Name, "FunctionName"),
                    $"FunctionName '{action.FunctionName}' must be an identifier: letters, digits and underscores, not " +
                    $"starting with a digit");
            }

            CheckSecretNames(action.Secrets, WorkflowPaths.ActionKey(action.Name, "Secrets"), action.Name, problems);
        }

        CheckSecretNames(document.Secrets, WorkflowPaths.Key("Secrets"), null, problems);
    }

    private static void CheckSecretNames(IReadOnlyList<string> secrets, string path, string? action, ProblemList problems)
    {
        for (var i = 0; i < secrets.Count; i++)
        {
            if (!WorkflowPatterns.SecretName().IsMatch(secrets[i]))
            {
                problems.Add(action, JsonPathText.Index(path, i),
                    $"secret name '{secrets[i]}' must be upper case letters, digits and underscores, starting with a letter");
            }
        }
    }
}

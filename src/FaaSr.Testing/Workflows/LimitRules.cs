using FaaSr.Testing.Diagnostics;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Limits that keep a run possible: how many instances a rank asks for (each is a process locally and a job in the
/// cloud), how long names are, and MaxRuntime within what a timer can wait. A workflow past them would exhaust
/// memory or overflow a timer at run time, so validate refuses it up front.
/// </summary>
internal static class LimitRules
{
    /// <summary>The largest rank one InvokeNext target may ask for.</summary>
    public const int MaxRank = 10_000;

    /// <summary>The most function instances a whole workflow may have.</summary>
    public const int MaxInstances = 100_000;

    /// <summary>The longest WorkflowName, action name, FunctionName or secret name.</summary>
    public const int MaxNameLength = 128;

    /// <summary>The longest MaxRuntime in seconds: the longest wait a .NET timer supports (about 49.7 days).</summary>
    public const int MaxRuntimeSeconds = 4_294_967;

    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        CheckName(null, WorkflowPaths.Key("WorkflowName"), "WorkflowName", document.WorkflowName, problems);
        var edges = WorkflowEdges.From(document);
        long instances = 0;
        foreach (var action in document.Actions)
        {
            CheckName(action.Name, WorkflowPaths.Action(action.Name), "the action name", action.Name, problems);
            CheckName(action.Name, WorkflowPaths.ActionKey(action.Name, "FunctionName"), "FunctionName", action.FunctionName, problems);
            var rank = edges.MaxRank(action.Name);
            if (rank > MaxRank)
            {
                problems.Add(action.Name, WorkflowPaths.Action(action.Name),
                    $"InvokeNext asks for {rank} ranked instances; at most {MaxRank} can run");
            }

            instances += Math.Min(rank, MaxRank + 1);
            if (action.MaxRuntime > MaxRuntimeSeconds)
            {
                problems.Add(action.Name, WorkflowPaths.ActionKey(action.Name, "MaxRuntime"),
                    $"MaxRuntime {action.MaxRuntime} is more than {MaxRuntimeSeconds} seconds (about 49 days), the " +
                    $"longest a timer can wait");
            }
        }

        if (instances > MaxInstances)
        {
            problems.Add(null, WorkflowPaths.Key("ActionList"),
                $"the workflow has {instances} function instances; at most {MaxInstances} can run");
        }

        foreach (var secret in document.Secrets)
        {
            CheckName(null, WorkflowPaths.Key("Secrets"), "a secret name", secret, problems);
        }
    }

    private static void CheckName(string? action, string path, string what, string name, ProblemList problems)
    {
        if (name.Length > MaxNameLength)
        {
            problems.Add(action, path,
                $"{what} '{MessageText.Quote(name, 40)}' is {name.Length} characters long; at most {MaxNameLength} are allowed");
        }
    }
}

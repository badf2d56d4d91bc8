using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// What FaaSr 2.1's schema accepts but its backend crashes on, or reads otherwise than it looks. <c>validate</c>
/// prints these as warnings; the emulated compute refuses a run or fails the action the way the cloud would, with
/// the same text. Each reads the file as written (<see cref="WorkflowDocument.Raw"/>).
/// </summary>
public static class CloudCrashRules
{
    public const string Prefix = "in FaaSr 2.1 ";

    /// <summary>Warnings about the whole file and every action.</summary>
    public static IReadOnlyList<ValidationProblem> Find(WorkflowDocument document, string file)
    {
        var problems = WorkflowWide(document, file).ToList();
        foreach (var action in document.Actions)
        {
            if (MissingType(document, action) is { } type)
            {
                problems.Add(new ValidationProblem(file, action.Name, ActionPath(action.Name, "Type"), $"action '{action.Name}': {type}"));
            }

            for (var i = 0; i < action.InvokeNext.Count; i++)
            {
                if (action.InvokeNext[i] is ConditionalInvoke conditional && MissingBranch(conditional) is { } branch)
                {
                    problems.Add(new ValidationProblem(file, action.Name, $"{ActionPath(action.Name, "InvokeNext")}[{i}]",
                        $"action '{action.Name}': {branch}"));
                }
            }
        }

        foreach (var (name, node) in document.Raw["DataStores"] as JsonObject ?? [])
        {
            if (node?["Anonymous"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                && value.GetValue<string>() is { Length: > 0 } text && !text.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new ValidationProblem(file, null, StorePath(name, "Anonymous"),
                    $"data store '{name}': {Prefix}\"Anonymous\": \"{text}\" means anonymous (unsigned) access to the store for " +
                    $"faasr_put_file, faasr_get_file, faasr_delete_file, faasr_get_folder_list, the log and the store check, which " +
                    $"test only that the string is not empty (faasr_get_s3_creds alone reads it as false); leave the key out for " +
                    $"signed access"));
            }
        }

        return problems;
    }

    /// <summary>Keys whose absence crashes every action before anything reaches S3, so nothing of the workflow runs.</summary>
    public static IReadOnlyList<ValidationProblem> WorkflowWide(WorkflowDocument document, string file)
    {
        var problems = new List<ValidationProblem>();
        foreach (var key in new[] { "LoggingDataStore", "FaaSrLog" })
        {
            if (!document.Raw.ContainsKey(key))
            {
                problems.Add(new ValidationProblem(file, null, $"$.{key}",
                    $"{Prefix}every action would crash (KeyError: '{key}') before anything reaches S3: the workflow needs \"{key}\" " +
                    $"(e.g. \"{(key == "FaaSrLog" ? "FaaSrLog" : document.DefaultDataStore)}\")"));
            }
        }

        foreach (var (name, node) in document.Raw["DataStores"] as JsonObject ?? [])
        {
            if (node is JsonObject store && !store.ContainsKey("Region"))
            {
                problems.Add(new ValidationProblem(file, null, StorePath(name, "Region"),
                    $"data store '{name}': {Prefix}every action would crash (KeyError: 'Region') in its data store check before anything " +
                    $"reaches S3: give the store a \"Region\" (\"\" means us-east-1)"));
            }
        }

        return problems;
    }

    /// <summary>Why an action without Type crashes, or null when it has one (built-ins need none).</summary>
    public static string? MissingType(WorkflowDocument document, ActionDefinition action) =>
        action.Type is null && !action.IsBuiltin && document.Raw["ActionList"]?[action.Name] is JsonObject raw && !raw.ContainsKey("Type")
            ? $"{Prefix}this action would crash (KeyError: 'Type') before anything reaches S3: it " +
                $"needs \"Type\": \"Python\", \"R\" or \"Julia\""
            : null;

    /// <summary>Why a conditional with one branch crashes when the other value is returned, or null when it has both.</summary>
    public static string? MissingBranch(ConditionalInvoke conditional) =>
        conditional.AbsentBranches is [var missing]
            ? $"{Prefix}this action would crash when it returns {missing}: the conditional has no \"{missing}\" branch (TypeError: " +
                $"'NoneType' object is not iterable, after .done is written), so the later InvokeNext items are not dispatched and the " +
                $"action's last log lines are lost; give it \"{missing}\": []"
            : null;

    /// <summary>The crash text of a conditional without the branch that was returned, for the emulated compute.</summary>
    public static string MissingBranchCrash(string returned) =>
        $"{Prefix}this action would crash: InvokeNext has no \"{returned}\" branch for the returned {returned} (TypeError: 'NoneType' " +
        $"object is not iterable), so the later InvokeNext items are not dispatched and this action's last log lines are lost";

    private static string ActionPath(string action, string key) =>
        JsonPathText.Property(JsonPathText.Property(JsonPathText.Property(JsonPathText.Root, "ActionList"), action), key);

    private static string StorePath(string store, string key) =>
        JsonPathText.Property(JsonPathText.Property(JsonPathText.Property(JsonPathText.Root, "DataStores"), store), key);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Type and pattern rules of the JSON schema FaaSr-Backend 2.1 validates every payload against (validate_json at the
/// trigger and at each action start) that the lenient reader would otherwise accept: a workflow that breaks one never
/// runs in the cloud, so it is refused here too. Each check reads the file as written (<see cref="WorkflowDocument.Raw"/>).
/// </summary>
internal static partial class SchemaRules
{
    private const string SchemaRejects = "FaaSr 2.1's schema rejects";

    public static void Check(WorkflowDocument document, ProblemList problems)
    {
        var raw = document.Raw;
        foreach (var key in new[] { "LoggingDataStore", "FaaSrLog", "InvocationID", "InvocationTimestamp", "InvocationIDFromDate" })
        {
            if (raw.TryGetPropertyValue(key, out var value) && value is null)
            {
                problems.Add(null, JsonPathText.Property(JsonPathText.Root, key),
                    $"{key} must be a string; {SchemaRejects} null (leave the key out instead)");
            }
        }

        if (raw["InvocationIDFromDate"] is JsonValue format && format.TryGetValue(out string? text) && !IdFromDatePattern().IsMatch(text))
        {
            problems.Add(null, JsonPathText.Property(JsonPathText.Root, "InvocationIDFromDate"),
                $"InvocationIDFromDate must start with '%' and hold only strftime directives of Y y m d H M S j U W a A b B f z Z, '-' " +
                $"and '%' ({SchemaRejects} \"{text}\")");
        }

        if (raw["Secrets"] is JsonArray secrets)
        {
            for (var i = 0; i < secrets.Count; i++)
            {
                if (secrets[i] is JsonValue secret && secret.TryGetValue(out string? name) && !SecretNamePattern().IsMatch(name))
                {
                    problems.Add(null, JsonPathText.Index(JsonPathText.Property(JsonPathText.Root, "Secrets"), i),
                        $"secret name '{name}' must be upper case letters, digits and '_', starting with a letter ({SchemaRejects} it)");
                }
            }
        }

        CheckDataStores(raw, problems);
        CheckActions(raw, problems);
        CheckLocalFiles(raw, problems);
    }

    private static void CheckDataStores(JsonObject raw, ProblemList problems)
    {
        if (raw["DataStores"] is not JsonObject stores)
        {
            return;
        }

        foreach (var (name, node) in stores)
        {
            if (node is not JsonObject store)
            {
                continue;
            }

            foreach (var key in new[] { "Writable", "Anonymous" })
            {
                if (store[key] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    problems.Add(null,
                        JsonPathText.Property(JsonPathText.Property(JsonPathText.Property(JsonPathText.Root, "DataStores"), name), key),
                        $"data store '{name}': {key} must be the string \"true\" or \"false\"; {SchemaRejects} a JSON boolean");
                }
            }
        }
    }

    private static void CheckActions(JsonObject raw, ProblemList problems)
    {
        if (raw["ActionList"] is not JsonObject actions)
        {
            return;
        }

        foreach (var (name, node) in actions)
        {
            if (node is not JsonObject action)
            {
                continue;
            }

            var path = JsonPathText.Property(JsonPathText.Property(JsonPathText.Root, "ActionList"), name);
            if (action.ContainsKey("Secrets"))
            {
                problems.Add(name, JsonPathText.Property(path, "Secrets"),
                    $"Secrets belongs at the top of the workflow; {SchemaRejects} it inside an action");
            }

            var invokeNext = action["InvokeNext"];
            var invokePath = JsonPathText.Property(path, "InvokeNext");
            switch (invokeNext)
            {
                case null:
                    break;
                case JsonArray items:
                    CheckInvokeNextItems(name, items, invokePath, problems);
                    break;
                default:
                    problems.Add(name, invokePath,
                        $"InvokeNext must be a list (e.g. [\"b\"]); {SchemaRejects} a bare {JsonFieldReader.Describe(invokeNext)}");
                    break;
            }
        }
    }

    private static void CheckInvokeNextItems(string action, JsonArray items, string path, ProblemList problems)
    {
        var conditionals = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject conditional)
            {
                continue;
            }

            if (++conditionals == 2)
            {
                problems.Add(action, JsonPathText.Index(path, i),
                    $"InvokeNext may hold at most one {{\"True\": ..., \"False\": ...}} object; {SchemaRejects} a second");
            }

            foreach (var (branch, targets) in conditional)
            {
                if (targets is JsonValue single && single.GetValueKind() == JsonValueKind.String)
                {
                    problems.Add(action, JsonPathText.Property(JsonPathText.Index(path, i), branch),
                        $"conditional branch {branch} must be a list (e.g. " +
                        $"[\"{single.GetValue<string>()}\"]); {SchemaRejects} a bare string");
                }
            }
        }
    }

    private static void CheckLocalFiles(JsonObject raw, ProblemList problems)
    {
        if (raw["FunctionLocalFile"] is not JsonObject files)
        {
            return;
        }

        foreach (var (name, value) in files)
        {
            if (value is JsonArray)
            {
                problems.Add(null, JsonPathText.Property(JsonPathText.Property(JsonPathText.Root, "FunctionLocalFile"), name),
                    $"FunctionLocalFile['{name}'] must be one path; {SchemaRejects} a list");
            }
        }
    }

    [GeneratedRegex("^%[YymdHMSjUWaAbBfzZ%-][%YymdHMSjUWaAbBfzZ%-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdFromDatePattern();

    [GeneratedRegex("^[A-Z][A-Z_0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePattern();
}

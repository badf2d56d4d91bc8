using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Typed reads of the keys of one JSON object. A missing optional key gives null; a key of the wrong type gives null
/// and a problem naming the action (if any) and the key's path.
/// </summary>
internal sealed class JsonFieldReader(JsonObject json, string path, string? action, ProblemList problems)
{
    public JsonObject Json { get; } = json;

    public string Path { get; } = path;

    public string? Action { get; } = action;

    public ProblemList Problems { get; } = problems;

    public string KeyPath(string key) => JsonPathText.Property(Path, key);

    public void Problem(string key, string message) => Problems.Add(Action, KeyPath(key), message);

    /// <summary>A required non-empty string; "" (and a problem) when it is missing, empty or not a string.</summary>
    public string RequiredString(string key)
    {
        if (Json[key] is null)
        {
            Problem(key, Json.ContainsKey(key) ? $"{key} is required and must not be null" : $"{key} is required but missing");
            return "";
        }

        var text = OptionalString(key);
        if (text is "")
        {
            Problem(key, $"{key} must not be empty");
        }

        return text ?? "";
    }

    public string? OptionalString(string key)
    {
        var node = Json[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            return node.GetValue<string>();
        }

        Problem(key, $"{key} must be a string, not {Describe(node)}");
        return null;
    }

    public bool? OptionalBoolean(string key)
    {
        var node = Json[key];
        switch (node?.GetValueKind())
        {
            case null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                Problem(key, $"{key} must be true or false, not {Describe(node)}");
                return null;
        }
    }

    /// <summary>A boolean written either as JSON true/false or as the string "true"/"false" (any case).</summary>
    public bool? OptionalBooleanOrText(string key)
    {
        var node = Json[key];
        if (node?.GetValueKind() == JsonValueKind.String)
        {
            var text = node.GetValue<string>();
            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            Problem(key, $"{key} must be \"true\" or \"false\", not \"{text}\"");
            return null;
        }

        return OptionalBoolean(key);
    }

    /// <summary>A whole number of at least 1 (used only for sizes and limits, so a wrong number may be shown).</summary>
    public int? OptionalPositiveWholeNumber(string key)
    {
        var node = Json[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out int number) && number >= 1)
        {
            return number;
        }

        var written = node.GetValueKind() == JsonValueKind.Number ? node.ToJsonString() : Describe(node);
        Problem(key, $"{key} must be a whole number of at least 1, not {written}");
        return null;
    }

    public JsonObject? OptionalObject(string key)
    {
        var node = Json[key];
        if (node is null or JsonObject)
        {
            return (JsonObject?)node;
        }

        Problem(key, $"{key} must be an object, not {Describe(node)}");
        return null;
    }

    /// <summary>An object that must be present (and not null).</summary>
    public JsonObject? RequiredObject(string key)
    {
        if (Json[key] is null)
        {
            Problem(key, Json.ContainsKey(key) ? $"{key} is required and must not be null" : $"{key} is required but missing");
            return null;
        }

        return OptionalObject(key);
    }

    /// <summary>A list of strings written as one string or as an array of strings.</summary>
    public IReadOnlyList<string> StringOrStringList(string key)
    {
        var node = Json[key];
        return node is null ? [] : StringOrStringList(node, KeyPath(key), key);
    }

    public IReadOnlyList<string> StringOrStringList(JsonNode node, string nodePath, string what)
    {
        if (node.GetValueKind() == JsonValueKind.String)
        {
            return [node.GetValue<string>()];
        }

        if (node is not JsonArray array)
        {
            Problems.Add(Action, nodePath, $"{what} must be a string or a list of strings, not {Describe(node)}");
            return [];
        }

        var items = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is { } item && item.GetValueKind() == JsonValueKind.String)
            {
                items.Add(item.GetValue<string>());
            }
            else
            {
                Problems.Add(Action, JsonPathText.Index(nodePath, i), $"{what} must hold only strings, not {Describe(array[i])}");
            }
        }

        return items;
    }

    /// <summary>An object whose values are each a string or a list of strings, e.g. FunctionGitRepo.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StringListsByName(string key)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (OptionalObject(key) is not { } map)
        {
            return result;
        }

        foreach (var (name, value) in map)
        {
            var valuePath = JsonPathText.Property(KeyPath(key), name);
            if (value is null)
            {
                Problems.Add(Action, valuePath, $"{key} entry '{name}' must be a string or a list of strings, not null");
                continue;
            }

            result[name] = StringOrStringList(value, valuePath, $"{key} entry '{name}'");
        }

        return result;
    }

    /// <summary>An object whose values are each a string, e.g. ActionContainers.</summary>
    public IReadOnlyDictionary<string, string> StringsByName(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (OptionalObject(key) is not { } map)
        {
            return result;
        }

        foreach (var (name, value) in map)
        {
            if (value is not null && value.GetValueKind() == JsonValueKind.String)
            {
                result[name] = value.GetValue<string>();
            }
            else
            {
                Problems.Add(Action, JsonPathText.Property(KeyPath(key), name),
                    $"{key} entry '{name}' must be a string, not {Describe(value)}");
            }
        }

        return result;
    }

    /// <summary>Reports every key of the object that is not in <paramref name="allowed"/>.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, _) in Json)
        {
            if (!allowed.Contains(key))
            {
                Problem(key, $"unknown key '{key}' (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    /// <summary>The kind of a value, never the value itself: a wrongly typed key may hold a secret.</summary>
    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Reads an action's InvokeNext (docs/faasr-semantics.md, "Workflow file"): a bare string or object is wrapped into a list; "b(3)" is a
/// ranked target; {"True": ..., "False": ...} is a conditional whose missing branch is an empty list.
/// Shapes the model cannot hold are reported here; rank and reference rules live in <see cref="InvokeNextRules"/>.
/// </summary>
internal static partial class InvokeNextReader
{
    public const string TrueKey = "True";
    public const string FalseKey = "False";

    public static IReadOnlyList<InvokeNextItem> Read(JsonFieldReader action)
    {
        const string key = "InvokeNext";
        var node = action.Json[key];
        var path = action.KeyPath(key);
        switch (node)
        {
            case null:
                return [];
            case JsonArray array:
                var items = new List<InvokeNextItem>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    if (ReadItem(array[i], JsonPathText.Index(path, i), action) is { } item)
                    {
                        items.Add(item);
                    }
                }

                return items;
            default:
                return ReadItem(node, path, action) is { } single ? [single] : [];
        }
    }

    /// <summary>"b" is a plain target, "b(3)" a ranked one (rank 0 is kept so that the rules can report it).</summary>
    private static InvokeTarget ParseTarget(string text, string path, JsonFieldReader action)
    {
        var match = RankedTarget().Match(text);
        if (!match.Success)
        {
            return InvokeTarget.Plain(text);
        }

        var name = match.Groups["name"].Value;
        if (int.TryParse(match.Groups["rank"].Value, out var rank))
        {
            return InvokeTarget.Ranked(name, rank);
        }

        action.Problems.Add(action.Action, path, $"InvokeNext target '{text}' has a rank too large to run");
        return InvokeTarget.Ranked(name, int.MaxValue);
    }

    private static InvokeNextItem? ReadItem(JsonNode? node, string path, JsonFieldReader action)
    {
        if (node is JsonObject conditional)
        {
            return ReadConditional(conditional, path, action);
        }

        if (node?.GetValueKind() == JsonValueKind.String)
        {
            return ParseTarget(node.GetValue<string>(), path, action);
        }

        action.Problems.Add(action.Action, path,
            $"InvokeNext item must be an action name or a {{\"True\": [...], \"False\": [...]}} object, " +
            $"not {JsonFieldReader.Describe(node)}");
        return null;
    }

    /// <summary>Keeps whatever branches could be read, so that one bad key does not hide the rest of the graph.</summary>
    private static ConditionalInvoke ReadConditional(JsonObject conditional, string path, JsonFieldReader action)
    {
        foreach (var (key, _) in conditional)
        {
            if (key is not (TrueKey or FalseKey))
            {
                action.Problems.Add(action.Action, JsonPathText.Property(path, key),
                    $"conditional InvokeNext may only have the keys True and False, not '{key}'");
            }
        }

        if (conditional.Count == 0)
        {
            action.Problems.Add(action.Action, path, "conditional InvokeNext must have a True or a False key (or both)");
        }

        return new ConditionalInvoke(ReadBranch(conditional, TrueKey, path, action), ReadBranch(conditional, FalseKey, path, action))
        {
            AbsentBranches = new[] { TrueKey, FalseKey }.Where(key => !conditional.ContainsKey(key)).ToArray(),
        };
    }

    /// <summary>A branch is one action name or a list of them; a missing branch is empty.</summary>
    private static IReadOnlyList<InvokeTarget> ReadBranch(JsonObject conditional, string key, string path, JsonFieldReader action)
    {
        if (!conditional.TryGetPropertyValue(key, out var node))
        {
            return [];
        }

        var branchPath = JsonPathText.Property(path, key);
        if (node?.GetValueKind() == JsonValueKind.String)
        {
            return [ParseTarget(node.GetValue<string>(), branchPath, action)];
        }

        if (node is not JsonArray array)
        {
            action.Problems.Add(action.Action, branchPath,
                $"conditional branch {key} must be a list of action names, not {JsonFieldReader.Describe(node)}");
            return [];
        }

        var targets = new List<InvokeTarget>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = JsonPathText.Index(branchPath, i);
            if (array[i] is { } item && item.GetValueKind() == JsonValueKind.String)
            {
                targets.Add(ParseTarget(item.GetValue<string>(), itemPath, action));
            }
            else
            {
                action.Problems.Add(action.Action, itemPath,
                    $"conditional branch {key} must hold only action names, not {JsonFieldReader.Describe(array[i])}");
            }
        }

        return targets;
    }

    [GeneratedRegex(@"^(?<name>.+)\((?<rank>[0-9]+)\)$")]
    private static partial Regex RankedTarget();
}

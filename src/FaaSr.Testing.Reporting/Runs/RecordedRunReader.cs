using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Reporting.Runs;

/// <summary>
/// Reads run records leniently: the fields of today's record are required, the newer ones optional, and unknown
/// fields are ignored, so the report renders records written by older and newer versions of faasr-it alike.
/// </summary>
public static class RecordedRunReader
{
    public static async Task<RecordedRun> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        return Read(text, path);
    }

    public static RecordedRun Read(string json, string source)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"Cannot read run record '{source}': it is not a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Cannot read run record '{source}': {exception.Message}", exception);
        }

        var functions = (root["functions"] as JsonArray ?? throw Missing(source, "functions"))
            .Select((node, index) => ReadFunction(node as JsonObject ?? throw Invalid(source, $"functions[{index}]", "is not an object"), source, index))
            .ToList();
        var runTransitions = ReadRunTransitions(root["transitions"] as JsonArray, source);
        if (runTransitions.Count > 0)
        {
            functions = functions.Select(f => f.Transitions.Count == 0 && runTransitions.TryGetValue(f.Name, out var own) ? f with { Transitions = own } : f).ToList();
        }

        return new RecordedRun
        {
            WorkflowName = Text(root, "workflowName") ?? throw Missing(source, "workflowName"),
            InvocationId = Text(root, "invocationId") ?? throw Missing(source, "invocationId"),
            InvocationFolder = Text(root, "invocationFolder") ?? "",
            Profile = Text(root, "profile") ?? "",
            Storage = Describe(root["storage"]),
            Compute = Describe(root["compute"]),
            RunUrl = Text(root, "runUrl"),
            Sources = (root["sources"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(source => $"{Text(source, "name") ?? "?"} at {Text(source, "location") ?? "?"}{(Text(source, "commit") is { } commit ? $", commit {commit}" : "")}")
                .ToArray(),
            StartedAt = Time(root, "startedAt", source) ?? throw Missing(source, "startedAt"),
            FinishedAt = Time(root, "finishedAt", source),
            Functions = functions,
            Source = source,
        };
    }

    private static RecordedFunction ReadFunction(JsonObject node, string source, int index)
    {
        var where = $"functions[{index}]";
        var statusText = Text(node, "status") ?? throw Missing(source, where + ".status");
        return new RecordedFunction
        {
            Name = Text(node, "name") ?? throw Missing(source, where + ".name"),
            Status = FunctionStatusExtensions.ParseWireName(statusText) ?? throw Invalid(source, where + ".status", $"'{statusText}' is not a status"),
            InvokedAt = Time(node, "invokedAt", source),
            StartedAt = Time(node, "startedAt", source),
            FinishedAt = Time(node, "finishedAt", source),
            LogKey = Text(node, "logKey") ?? "",
            Reason = Text(node, "reason"),
            InvokedBy = node["invokedBy"] switch
            {
                JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToArray(),
                JsonValue value when value.TryGetValue<string>(out var single) && single.Length > 0 => [single],
                _ => [],
            },
            RunUrl = Text(node, "runUrl"),
            Transitions = node["transitions"] is JsonArray transitions
                ? transitions.OfType<JsonObject>().Select(t => ReadTransition(t, source)).OfType<RecordedTransition>().ToArray()
                : [],
        };
    }

    /// <summary>A record may keep transitions for the whole run, each naming its instance.</summary>
    private static Dictionary<string, IReadOnlyList<RecordedTransition>> ReadRunTransitions(JsonArray? transitions, string source) =>
        (transitions ?? [])
            .OfType<JsonObject>()
            .Select(t => (Instance: Text(t, "instance") ?? Text(t, "name"), Transition: ReadTransition(t, source)))
            .Where(t => t.Instance is not null && t.Transition is not null)
            .GroupBy(t => t.Instance!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RecordedTransition>)g.Select(t => t.Transition!).ToArray(), StringComparer.Ordinal);

    private static RecordedTransition? ReadTransition(JsonObject node, string source)
    {
        var to = Text(node, "to") ?? Text(node, "status");
        var at = Time(node, "at", source);
        return to is null || at is null ? null : new RecordedTransition(Text(node, "from"), to, at.Value, Text(node, "reason"));
    }

    /// <summary>A string as it is; an object as "key: value" pairs of its scalar fields.</summary>
    private static string? Describe(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject obj => string.Join(", ", obj.Where(p => p.Value is JsonValue).Select(p => $"{p.Key}: {p.Value}")),
        _ => null,
    };

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Time(JsonObject node, string name, string source)
    {
        var text = Text(node, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw Invalid(source, name, $"'{text}' is not an ISO 8601 time");
    }

    private static InvalidDataException Missing(string source, string field) => new($"Cannot read run record '{source}': '{field}' is missing.");

    private static InvalidDataException Invalid(string source, string field, string problem) => new($"Cannot read run record '{source}': '{field}' {problem}.");
}

using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>Reads one entry of ActionList (docs/faasr-semantics.md, "Workflow file"; unknown keys are not allowed).</summary>
internal static class ActionReader
{
    private static readonly string[] AllowedKeys =
    [
        "FaaSServer", "FunctionName", "Type", "Arguments", "InvokeNext", "RequiresVM", "_faasr_builtin",
        "MaxMemory", "MaxRuntime", "MaxStorage", "Resources", "Secrets",
    ];

    public static ActionDefinition Read(string name, JsonNode? node, string path, ProblemList problems)
    {
        if (node is not JsonObject json)
        {
            problems.Add(name, path, $"an action must be an object, not {JsonFieldReader.Describe(node)}");
            return new ActionDefinition { Name = name, FaaSServer = "", FunctionName = "" };
        }

        var fields = new JsonFieldReader(json, path, name, problems);
        fields.RejectUnknownKeys(AllowedKeys);
        return new ActionDefinition
        {
            Name = name,
            FaaSServer = fields.RequiredString("FaaSServer"),
            FunctionName = fields.RequiredString("FunctionName"),
            Type = ReadType(fields),
            Arguments = (JsonObject?)fields.OptionalObject("Arguments")?.DeepClone() ?? [],
            InvokeNext = InvokeNextReader.Read(fields),
            RequiresVM = fields.OptionalBoolean("RequiresVM") ?? false,
            IsBuiltin = fields.OptionalBoolean("_faasr_builtin") ?? false,
            MaxMemory = fields.OptionalPositiveWholeNumber("MaxMemory"),
            MaxRuntime = fields.OptionalPositiveWholeNumber("MaxRuntime"),
            MaxStorage = fields.OptionalPositiveWholeNumber("MaxStorage"),
            Resources = (JsonObject?)fields.OptionalObject("Resources")?.DeepClone(),
            Secrets = fields.StringOrStringList("Secrets"),
        };
    }

    private static FunctionLanguage? ReadType(JsonFieldReader fields)
    {
        var text = fields.OptionalString("Type");
        if (text is null)
        {
            return null;
        }

        if (Enum.GetNames<FunctionLanguage>().Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<FunctionLanguage>(text);
        }

        fields.Problem("Type", $"Type must be Python, R or Julia, not \"{text}\"");
        return null;
    }
}

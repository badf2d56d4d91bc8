using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>Reads one entry of ComputeServers; its fields are kept as written for the per-type rules.</summary>
internal static class ComputeServerReader
{
    public static ComputeServer Read(string name, JsonNode? node, string path, ProblemList problems)
    {
        if (node is not JsonObject json)
        {
            problems.Add(null, path, $"compute server '{name}' must be an object, not {JsonFieldReader.Describe(node)}");
            return new ComputeServer { Name = name, FaaSType = "" };
        }

        var fields = new JsonFieldReader(json, path, null, problems);
        return new ComputeServer
        {
            Name = name,
            FaaSType = fields.RequiredString("FaaSType"),
            UseSecretStore = fields.OptionalBoolean("UseSecretStore") ?? false,
            Fields = (JsonObject)json.DeepClone(),
        };
    }
}

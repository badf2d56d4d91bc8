using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>Reads one entry of DataStores (unknown keys are not allowed; Region "" becomes us-east-1).</summary>
internal static class DataStoreReader
{
    public const string DefaultRegion = "us-east-1";

    private static readonly string[] AllowedKeys = ["Endpoint", "Bucket", "Region", "AccessKey", "SecretKey", "Writable", "Anonymous"];

    public static DataStore Read(string name, JsonNode? node, string path, ProblemList problems)
    {
        if (node is not JsonObject json)
        {
            problems.Add(null, path, $"data store '{name}' must be an object, not {JsonFieldReader.Describe(node)}");
            return new DataStore { Name = name, Bucket = "" };
        }

        var fields = new JsonFieldReader(json, path, null, problems);
        fields.RejectUnknownKeys(AllowedKeys);
        var region = fields.OptionalString("Region");
        return new DataStore
        {
            Name = name,
            Bucket = fields.RequiredString("Bucket"),
            Endpoint = fields.OptionalString("Endpoint"),
            Region = string.IsNullOrEmpty(region) ? DefaultRegion : region,
            AccessKey = fields.OptionalString("AccessKey"),
            SecretKey = fields.OptionalString("SecretKey"),
            Writable = fields.OptionalBooleanOrText("Writable") ?? true,
            Anonymous = fields.OptionalBooleanOrText("Anonymous") ?? false,
        };
    }
}

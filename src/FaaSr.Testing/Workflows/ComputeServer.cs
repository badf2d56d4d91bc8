using System.Text;
using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

public sealed record ComputeServer
{
    public required string Name { get; init; }

    public required string FaaSType { get; init; }

    public bool UseSecretStore { get; init; }

    /// <summary>Every field of the server object as written (UserName, ActionRepoName, Branch, Endpoint, ...).</summary>
    public JsonObject Fields { get; init; } = new();

    public string? Field(string name) => Fields[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>Fields may hold tokens and keys, so only the name, type and secret-store flag are printed.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Name = {Name}, FaaSType = {FaaSType}, UseSecretStore = {UseSecretStore}");
        return true;
    }
}

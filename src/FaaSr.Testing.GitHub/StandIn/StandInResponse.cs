using System.Text;
using System.Text.Json.Nodes;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>What the stand-in answers: a status, a body (JSON or bytes) and extra headers.</summary>
public sealed record StandInResponse(int Status, byte[] Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public const string DocumentationUrl = "https://docs.github.com/rest";

    public static StandInResponse Json(int status, JsonNode body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json; charset=utf-8", headers ?? new Dictionary<string, string>());

    /// <summary>GitHub's error shape: <c>{"message": ..., "documentation_url": ..., "status": "404"}</c>.</summary>
    public static StandInResponse Error(int status, string message, IReadOnlyDictionary<string, string>? headers = null) =>
        Json(status, new JsonObject { ["message"] = message, ["documentation_url"] = DocumentationUrl, ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) }, headers);

    public static StandInResponse NotFound() => Error(404, "Not Found");

    public static StandInResponse NoContent() => new(204, [], null, new Dictionary<string, string>());

    public static StandInResponse Bytes(byte[] body, string contentType, IReadOnlyDictionary<string, string>? headers = null) =>
        new(200, body, contentType, headers ?? new Dictionary<string, string>());
}

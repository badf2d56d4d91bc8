using System.Text.Json;
using Docker.DotNet;

namespace FaaSr.Testing.Containers.Engine;

/// <summary>The engine's own words from a failed API call: the "message" of its JSON error body, else the body or status.</summary>
public static class EngineErrors
{
    public static string MessageOf(DockerApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var body = exception.ResponseBody?.Trim() ?? string.Empty;
        if (body.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the raw body below says what the engine said.
            }
        }

        return body.Length > 0 ? body : $"HTTP {(int)exception.StatusCode} {exception.StatusCode}";
    }

    public static bool IsNotFound(DockerApiException exception) => exception?.StatusCode == System.Net.HttpStatusCode.NotFound;
}

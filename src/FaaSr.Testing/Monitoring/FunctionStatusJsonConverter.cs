using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaaSr.Testing.Monitoring;

/// <summary>Writes and reads a <see cref="FunctionStatus"/> as its lowercase wire name ("not_invoked").</summary>
public sealed class FunctionStatusJsonConverter : JsonConverter<FunctionStatus>
{
    public override FunctionStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null && FunctionStatusExtensions.ParseWireName(text) is { } status
            ? status
            : throw new JsonException($"'{text ?? reader.TokenType.ToString()}' is not a function status; expected one of {string.Join(", ", Enum.GetValues<FunctionStatus>().Select(s => s.WireName))}.");
    }

    public override void Write(Utf8JsonWriter writer, FunctionStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.WireName);
}

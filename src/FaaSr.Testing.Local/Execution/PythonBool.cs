using System.Text.Json;

namespace FaaSr.Testing.Local.Execution;

/// <summary>Reads a function's return value as FaaSr's "bool | None" pydantic field does in lax mode.</summary>
internal static class PythonBool
{
    private static readonly HashSet<string> TrueWords = new(StringComparer.OrdinalIgnoreCase) { "1", "on", "t", "true", "y", "yes" };
    private static readonly HashSet<string> FalseWords = new(StringComparer.OrdinalIgnoreCase) { "0", "off", "f", "false", "n", "no" };

    public static bool TryRead(JsonElement value, out bool? result)
    {
        result = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                result = value.GetBoolean();
                return true;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && number is 0 or 1:
                result = number == 1;
                return true;
            case JsonValueKind.String when TrueWords.Contains(value.GetString()!):
                result = true;
                return true;
            case JsonValueKind.String when FalseWords.Contains(value.GetString()!):
                result = false;
                return true;
            default:
                return false;
        }
    }
}

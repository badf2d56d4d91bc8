using System.Text.Json.Serialization;

namespace FaaSr.Testing.Monitoring;

/// <summary>Source-generated JSON for run records: camelCase, indented, lowercase statuses, UTC times.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(FunctionStatusJsonConverter), typeof(UtcTimestampJsonConverter)])]
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class RunRecordJsonContext : JsonSerializerContext;

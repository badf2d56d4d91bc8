using System.Text.Json.Serialization;

namespace FaaSr.Testing.Sessions;

/// <summary>Source-generated camelCase JSON for the files <see cref="RunArtifacts"/> keeps.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RunGraphSnapshot))]
[JsonSerializable(typeof(List<RunObject>))]
internal sealed partial class RunArtifactsJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace FaaSr.Testing.Reporting.Model;

/// <summary>The data the page's script works on: one entry per row of the test table, in the same order.</summary>
public sealed record ReportData(IReadOnlyList<ReportDataTest> Tests);

/// <summary>A test as the script sorts and filters it.</summary>
public sealed record ReportDataTest(string Name, string ClassName, string Outcome, long DurationMs);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReportData))]
internal sealed partial class ReportDataJsonContext : JsonSerializerContext;

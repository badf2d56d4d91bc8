using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>One entry of ActionList.</summary>
public sealed record ActionDefinition
{
    public required string Name { get; init; }

    public required string FaaSServer { get; init; }

    public required string FunctionName { get; init; }

    /// <summary>Python, R or Julia; null when the file leaves it out.</summary>
    public FunctionLanguage? Type { get; init; }

    public JsonObject Arguments { get; init; } = new();

    public IReadOnlyList<InvokeNextItem> InvokeNext { get; init; } = [];

    public bool RequiresVM { get; init; }

    /// <summary>Seconds the action may run; null for no limit.</summary>
    public int? MaxRuntime { get; init; }

    public int? MaxMemory { get; init; }
}

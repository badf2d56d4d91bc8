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

    /// <summary>Megabytes of memory; null for the server's default.</summary>
    public int? MaxMemory { get; init; }

    /// <summary>Megabytes of local storage; null for the server's default.</summary>
    public int? MaxStorage { get; init; }

    /// <summary>SLURM-style resource requests (Nodes, Tasks, CPUsPerTask, Memory, TimeLimit, ...) as written.</summary>
    public JsonObject? Resources { get; init; }

    /// <summary>The "_faasr_builtin" flag: a framework built-in such as vm_start.</summary>
    public bool IsBuiltin { get; init; }

    /// <summary>Names of secrets this action needs, when the file lists them per action.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];
}

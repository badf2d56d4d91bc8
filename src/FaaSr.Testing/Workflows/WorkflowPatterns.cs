using System.Text.RegularExpressions;

namespace FaaSr.Testing.Workflows;

/// <summary>The name patterns of the FaaSr 2.0 schema (docs/faasr-semantics.md, "Workflow file").</summary>
internal static partial class WorkflowPatterns
{
    /// <summary>WorkflowName and action names: a letter, then letters, digits and hyphens (no underscores).</summary>
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]*$")]
    public static partial Regex ActionName();

    /// <summary>FunctionName: a Python/R identifier.</summary>
    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    public static partial Regex FunctionName();

    /// <summary>Secrets: upper case, digits and underscores, starting with a letter.</summary>
    [GeneratedRegex("^[A-Z][A-Z_0-9]*$")]
    public static partial Regex SecretName();
}

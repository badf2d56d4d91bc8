using System.Text.Json.Nodes;

namespace FaaSr.Testing.Local.Execution;

/// <summary>What a runtime needs to run one instance's function in its own process.</summary>
internal sealed record FunctionLaunch(
    string FunctionName,
    JsonObject Arguments,
    FunctionSource Source,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan? TimeLimit)
{
    // The environment holds secrets: keep it out of ToString().
    public override string ToString() => $"{FunctionName} in {WorkingDirectory}";
}

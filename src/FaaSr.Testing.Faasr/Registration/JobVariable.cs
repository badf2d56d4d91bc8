namespace FaaSr.Testing.Faasr.Registration;

/// <summary>
/// One entry of a registered job's <c>env:</c>: <c>NAME: ${{ secrets.X }}</c> (the repository secret X),
/// <c>NAME: ${{ github.event.inputs.X }}</c> (the dispatch input X), or a literal value.
/// </summary>
public sealed record JobVariable(string Name, JobVariableSource Source, string Value);

public enum JobVariableSource
{
    Literal,
    Secret,
    DispatchInput,
}

namespace FaaSr.Testing.Workflows;

/// <summary>
/// One thing wrong with a workflow file. <see cref="Message"/> names the action when there is one;
/// <see cref="JsonPath"/> points at the offending key, e.g. <c>$.ActionList.sync1.InvokeNext[0]</c>.
/// </summary>
public sealed record ValidationProblem(string File, string? Action, string JsonPath, string Message)
{
    public override string ToString() => $"{File}: {JsonPath}: {Message}";
}

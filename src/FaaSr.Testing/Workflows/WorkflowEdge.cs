namespace FaaSr.Testing.Workflows;

/// <summary>One InvokeNext mention: <paramref name="From"/> invokes <paramref name="Target"/>, at <paramref name="Path"/>.</summary>
internal sealed record WorkflowEdge(string From, InvokeTarget Target, bool IsConditional, string Path)
{
    public string To => Target.Action;
}

namespace FaaSr.Testing.Workflows;

/// <summary>
/// One InvokeNext mention: <paramref name="From"/> invokes <paramref name="Target"/> in item
/// <paramref name="ItemIndex"/> of its list.
/// </summary>
internal sealed record WorkflowEdge(string From, InvokeTarget Target, bool IsConditional, int ItemIndex)
{
    public string To => Target.Action;

    public string Path => WorkflowPaths.InvokeNextItem(From, ItemIndex);
}

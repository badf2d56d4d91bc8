namespace FaaSr.Testing.Local.Execution;

/// <summary>The outcome of every instance of the workflow, in graph order.</summary>
public sealed record LocalRunResult(IReadOnlyList<InstanceOutcome> Instances)
{
    public bool Succeeded => Instances.All(i => i.State != InstanceState.Failed);

    public InstanceOutcome this[string instanceName] =>
        Instances.FirstOrDefault(i => i.Instance.Name == instanceName)
        ?? throw new KeyNotFoundException($"No instance '{instanceName}' in this run. Known: {string.Join(", ", Instances.Select(i => i.Instance.Name))}.");
}

namespace FaaSr.Testing.MSTest;

/// <summary>
/// The workflow a <see cref="WorkflowTest{TSelf}"/> class runs once for all its tests: a path relative to the tester's
/// root (this repository, or outside it the nearest folder above the test assembly holding the path; see
/// <see cref="WorkflowTesterOptions.RepositoryRoot"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WorkflowAttribute(string workflowFile) : Attribute
{
    /// <summary>"workflows/IntegrationTestWorkflow.json".</summary>
    public string WorkflowFile { get; } = workflowFile;
}

using FaaSr.Testing.MSTest;

namespace FaaSr.Testing.Tests.Support;

/// <summary>
/// A <see cref="WorkflowTest{TSelf}"/> class over the probe outcomes workflow (<see cref="ProbeRepository"/>) in a
/// throw-away repository of the class's own, on the bucket <see cref="Bucket"/>; the repository is deleted at class
/// clean-up, after the run is stopped. Derived classes adjust <see cref="WorkflowTest{TSelf}.Options"/> with
/// <c>base.Options with { ... }</c>.
/// </summary>
public abstract class ProbeWorkflowTest<TSelf> : WorkflowTest<TSelf>
    where TSelf : ProbeWorkflowTest<TSelf>
{
    private protected static ProbeRepository Repository { get; } = new();

    /// <summary>The probe workflow's bucket: one per class, since classes may run at once on the shared server.</summary>
    protected abstract string Bucket { get; }

    protected override string WorkflowFile => Repository.WriteOutcomesWorkflow(Bucket);

    protected override WorkflowTesterOptions Options => new()
    {
        RepositoryRoot = Repository.Root,
        UserDataFolder = ProbeRepository.UserFolder,
        PollInterval = TimeSpan.FromMilliseconds(200),
        Output = TextWriter.Null,
    };

    [ClassCleanup(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task DeleteProbeRepositoryAsync()
    {
        await StopWorkflowAsync();
        Repository.Dispose();
    }
}

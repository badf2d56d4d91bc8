using System.Reflection;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace FaaSr.Testing.MSTest;

/// <summary>
/// The base of a test class that runs one workflow for all its tests, as Playwright's MSTest base owns its browser:
/// name the workflow with <see cref="WorkflowAttribute"/> (or override <see cref="WorkflowFile"/>), give options by
/// overriding <see cref="Options"/>, and write tests with <c>await Expect(Function("work(3)")).ToCompleteAsync()</c>
/// and <c>await Expect(Object("rank_files/rank3.txt")).ToHaveContentAsync("...")</c>. The run starts before the first
/// test of the class and is disposed (stopped, objects removed) at class clean-up. Every wait is bound to the running
/// test's <see cref="TestContext"/>. If the start fails, every test of the class fails with its cause.
/// </summary>
/// <typeparam name="TSelf">The test class itself, so that each class has a run of its own.</typeparam>
public abstract class WorkflowTest<TSelf>
    where TSelf : WorkflowTest<TSelf>
{
    // MSTest keeps a class's state in statics (ClassInitialize and ClassCleanup are static); one per closed type.
    private static readonly ClassScopedRun Run = new(typeof(TSelf).Name);

    private WorkflowTester? tester;

    /// <summary>The running test's context; MSTest sets it.</summary>
    public TestContext TestContext { get; set; } = null!;

    /// <summary>The class's run, from the test's initialisation on.</summary>
    protected WorkflowTester Tester =>
        tester ?? throw new InvalidOperationException(
            $"{typeof(TSelf).Name}: the workflow run is available from the test's initialisation on, not in its constructor.");

    /// <summary>
    /// The workflow file, relative to the tester's root (see <see cref="WorkflowTesterOptions.RepositoryRoot"/>); by default
    /// the class's <see cref="WorkflowAttribute"/>.
    /// </summary>
    protected virtual string WorkflowFile =>
        typeof(TSelf).GetCustomAttribute<WorkflowAttribute>()?.WorkflowFile
        ?? throw new InvalidOperationException(
            $"{typeof(TSelf).Name} names no workflow: add [Workflow(\"workflows/NAME.json\")] to the class or override WorkflowFile.");

    /// <summary>How the run is made and watched; read once, by the first test of the class.</summary>
    protected virtual WorkflowTesterOptions Options => new();

    /// <summary>Stops the class's run and removes its objects (unless they are kept after a failure).</summary>
    [ClassCleanup(InheritanceBehavior.BeforeEachDerivedClass)]
    public static Task StopWorkflowAsync() => Run.StopAsync();

    /// <summary>Starts the class's run once, or waits for it; fails the test with the cause when it did not start.</summary>
    [TestInitialize]
    public async Task StartWorkflowAsync() =>
        tester = await Run.TesterAsync(() => WorkflowFile, () => Options, TestContext.CancellationToken);

    /// <summary>A function instance of the run ("sync1", "test-rank(3)"), bound to this test.</summary>
    protected FunctionHandle Function(string name) => Tester.Function(name, TestContext.CancellationToken);

    /// <summary>A user object of the run, {UserDataFolder}/{InvocationID}/{name}, bound to this test.</summary>
    protected ObjectHandle Object(string name) => Tester.Object(name, TestContext.CancellationToken);

    /// <summary>Assertions on a function instance; each waits until it is final and its log complete.</summary>
    protected static FunctionAssertions Expect(FunctionHandle function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new FunctionAssertions(function);
    }

    /// <summary>Assertions on a user object; each looks again until it holds or the run has ended.</summary>
    protected static ObjectAssertions Expect(ObjectHandle target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ObjectAssertions(target);
    }
}

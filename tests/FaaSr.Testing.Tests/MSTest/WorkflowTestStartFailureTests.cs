using FaaSr.Testing.MSTest;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.MSTest;

/// <summary>
/// A <see cref="WorkflowTest{TSelf}"/> class whose run cannot start: every test of it fails in its initialisation with
/// the start's own message, the class clean-up has nothing to stop, and nothing throws a NullReferenceException.
/// The classes under test are not [TestClass]es; these tests drive their lifecycle as MSTest does.
/// </summary>
[TestClass]
public sealed class WorkflowTestStartFailureTests(TestContext testContext)
{
    [TestMethod]
    public async Task EveryTestOfAClassWhoseWorkflowIsMissingFailsWithTheStartsMessage()
    {
        var failures = new List<AssertFailedException>();
        for (var test = 0; test < 3; test++)
        {
            var instance = new MissingWorkflow { TestContext = testContext };
            failures.Add(await Assert.ThrowsExactlyAsync<AssertFailedException>(instance.StartWorkflowAsync));
            Assert.ThrowsExactly<InvalidOperationException>(() => instance.RunOf(), "The run is absent, and says so.");
        }

        await MissingWorkflow.StopWorkflowAsync();

        StringAssert.StartsWith(failures[0].Message, "MissingWorkflow: the workflow run did not start, so no test of the class can run.");
        StringAssert.Contains(failures[0].Message, "workflows/Missing.json");
        Assert.IsNotInstanceOfType<NullReferenceException>(failures[0].InnerException);
        Assert.IsTrue(failures.All(f => f.Message == failures[0].Message), "Every test reports the same cause.");
    }

    [TestMethod]
    public async Task AClassThatNamesNoWorkflowIsToldHowToNameOne()
    {
        var instance = new NoWorkflowNamed { TestContext = testContext };

        var failure = await Assert.ThrowsExactlyAsync<AssertFailedException>(instance.StartWorkflowAsync);
        await NoWorkflowNamed.StopWorkflowAsync();

        StringAssert.Contains(
            failure.Message,
            "NoWorkflowNamed names no workflow: add [Workflow(\"workflows/NAME.json\")] to the class or override WorkflowFile.");
    }

    [Workflow("workflows/Missing.json")]
    private sealed class MissingWorkflow : WorkflowTest<MissingWorkflow>
    {
        private static readonly string Root = RepositoryFiles.Root;

        protected override WorkflowTesterOptions Options => new() { RepositoryRoot = Root, Output = TextWriter.Null };

        public WorkflowTester RunOf() => Tester;
    }

    private sealed class NoWorkflowNamed : WorkflowTest<NoWorkflowNamed>;
}

using FaaSr.Testing.MSTest;

namespace FaaSr.IntegrationTests;

[TestClass]
[Workflow("workflows/IntegrationTestWorkflow.json")]
public sealed class ReadmeExampleTests : WorkflowTest<ReadmeExampleTests>
{
    [TestMethod]
    public async Task RankThreeWritesItsFile()
    {
        await Expect(Function("test-rank(3)")).ToCompleteAsync();
        await Expect(Function("test-rank(3)")).ToLogAsync("Currently on rank3 out of 5 ranks.");
        await Expect(Object("rank_files/rank3.txt")).ToHaveContentAsync("Test input for rank 3");
    }
}

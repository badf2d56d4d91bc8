using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.GitHub;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>faasr-it subtree pull on real git repositories: add, pull, a refused dirty tree and a conflict as exit codes and lines.</summary>
[TestClass]
public sealed class SubtreeCommandTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task PullAddsThenPullsThenSaysUpToDate()
    {
        using var repositories = await SubtreeRepositories.CreateAsync(Token);

        var added = await InProcessCli.RunAsync("subtree", "pull", repositories.UpstreamBare, "main", "--root", repositories.Project);
        await repositories.CommitUpstreamAsync("scripts/register_workflow.py", "print('v2')\n", Token);
        var pulled = await InProcessCli.RunAsync("subtree", "pull", repositories.UpstreamBare, "--root", repositories.Project);
        var upToDate = await InProcessCli.RunAsync("subtree", "pull", repositories.UpstreamBare, "main", "--root", repositories.Project);

        Assert.AreEqual(ExitCodes.Success, added.ExitCode, added.Error);
        StringAssert.StartsWith(added.Output, $"Added {repositories.UpstreamBare} main (");
        StringAssert.Contains(added.Output, "as faasr_workflow/, squashed");
        Assert.AreEqual(ExitCodes.Success, pulled.ExitCode, pulled.Error);
        StringAssert.StartsWith(pulled.Output, $"Pulled {repositories.UpstreamBare} main into faasr_workflow/: now at ");
        Assert.AreEqual(ExitCodes.Success, upToDate.ExitCode, upToDate.Error);
        StringAssert.StartsWith(upToDate.Output, "faasr_workflow/ is up to date with ");
        Assert.AreEqual("print('v2')\n", repositories.ReadProject("faasr_workflow/scripts/register_workflow.py"));
    }

    [TestMethod]
    public async Task ADirtyTreeAndAConflictAreExitTwoWithTheRepositoryUnchanged()
    {
        using var repositories = await SubtreeRepositories.CreateAsync(Token);
        await InProcessCli.RunAsync("subtree", "pull", repositories.UpstreamBare, "main", "--root", repositories.Project);
        await repositories.CommitProjectAsync("faasr_workflow/scripts/register_workflow.py", "print('mine')\n", Token);
        await repositories.CommitUpstreamAsync("scripts/register_workflow.py", "print('theirs')\n", Token);
        repositories.WriteProject("README.md", "# uncommitted\n");

        var dirty = await InProcessCli.RunAsync("subtree", "pull", repositories.UpstreamBare, "main", "--root", repositories.Project);
        await repositories.GitAsync(repositories.Project, Token, "checkout", "--", "README.md");
        var before = await repositories.ProjectStateAsync(Token);
        var conflict = await InProcessCli.RunAsync("subtree", "pull", repositories.UpstreamBare, "main", "--root", repositories.Project);

        Assert.AreEqual(ExitCodes.BadInput, dirty.ExitCode);
        StringAssert.StartsWith(dirty.Error, "subtree pull: The work tree has uncommitted changes (README.md)");
        Assert.AreEqual(ExitCodes.BadInput, conflict.ExitCode);
        StringAssert.Contains(conflict.Error, "conflicts with this repository's own changes to faasr_workflow/scripts/register_workflow.py");
        Assert.AreEqual(before, await repositories.ProjectStateAsync(Token));
    }
}

using FaaSr.Testing.GitHub.Git;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>git subtree through <see cref="SubtreeUpdate"/>, with real git and local bare repositories.</summary>
[TestClass]
public sealed class SubtreeUpdateTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task TheFirstUseAddsTheUpstreamSquashedInPlaceOfThePlaceholder()
    {
        using var repositories = await SubtreeRepositories.CreateAsync(Token);
        var upstreamHead = await repositories.GitAsync(repositories.UpstreamBare, Token, "rev-parse", "main");

        var result = await new SubtreeUpdate(repositories.Project).RunAsync(Source(repositories), Token);

        Assert.AreEqual(SubtreeChange.Added, result.Change);
        Assert.AreEqual(upstreamHead, result.UpstreamCommit);
        Assert.AreEqual("print('v1')\n", repositories.ReadProject("faasr_workflow/scripts/register_workflow.py"));
        Assert.IsFalse(File.Exists(Path.Combine(repositories.Project, "faasr_workflow", "README.md")), "the placeholder makes room");
        Assert.AreEqual(string.Empty, await repositories.GitAsync(repositories.Project, Token, "status", "--porcelain"));
        Assert.AreEqual(result.Head, await repositories.GitAsync(repositories.Project, Token, "rev-parse", "HEAD"));
        var subjects = await repositories.GitAsync(repositories.Project, Token, "log", "--format=%s", "-3");
        StringAssert.Contains(subjects, "faasr_workflow: add ");
        StringAssert.Contains(subjects, "faasr_workflow: remove the placeholder README");
        Assert.AreEqual("1", await repositories.GitAsync(repositories.Project, Token, "rev-list", "--count", "--grep=^git-subtree-split: ", "--all"), "one squash commit, no upstream history");
    }

    [TestMethod]
    public async Task ALaterUsePullsANewUpstreamCommitAndThenIsUpToDate()
    {
        using var repositories = await SubtreeRepositories.CreateAsync(Token);
        var update = new SubtreeUpdate(repositories.Project);
        await update.RunAsync(Source(repositories), Token);
        await repositories.CommitUpstreamAsync("scripts/register_workflow.py", "print('v2')\n", Token);
        await repositories.CommitUpstreamAsync("scripts/invoke_workflow.py", "print('invoke')\n", Token);
        await repositories.CommitProjectAsync("tests/own.txt", "the project's own work goes on\n", Token);

        var pulled = await update.RunAsync(Source(repositories), Token);
        var again = await update.RunAsync(Source(repositories), Token);

        Assert.AreEqual(SubtreeChange.Pulled, pulled.Change);
        Assert.AreEqual(await repositories.GitAsync(repositories.UpstreamBare, Token, "rev-parse", "main"), pulled.UpstreamCommit);
        Assert.AreEqual("print('v2')\n", repositories.ReadProject("faasr_workflow/scripts/register_workflow.py"));
        Assert.AreEqual("print('invoke')\n", repositories.ReadProject("faasr_workflow/scripts/invoke_workflow.py"));
        Assert.AreEqual("the project's own work goes on\n", repositories.ReadProject("tests/own.txt"));
        Assert.AreEqual(SubtreeChange.UpToDate, again.Change);
        Assert.AreEqual(pulled.Head, again.Head);
    }

    [TestMethod]
    public async Task AWorkTreeWithUncommittedChangesIsRefusedAndKeepsThem()
    {
        using var repositories = await SubtreeRepositories.CreateAsync(Token);
        repositories.WriteProject("README.md", "# an edit not committed yet\n");
        var before = await repositories.ProjectStateAsync(Token);

        var exception = await Assert.ThrowsExactlyAsync<SubtreeUpdateException>(() => new SubtreeUpdate(repositories.Project).RunAsync(Source(repositories), Token));

        StringAssert.StartsWith(exception.Message, "The work tree has uncommitted changes (README.md); commit or discard them first");
        Assert.AreEqual(before, await repositories.ProjectStateAsync(Token));
        Assert.AreEqual("# an edit not committed yet\n", repositories.ReadProject("README.md"));

        await repositories.GitAsync(repositories.Project, Token, "checkout", "--", "README.md");
        repositories.WriteProject("faasr_workflow/stray.py", "untracked, in the folder\n");
        var stray = await Assert.ThrowsExactlyAsync<SubtreeUpdateException>(() => new SubtreeUpdate(repositories.Project).RunAsync(Source(repositories), Token));
        StringAssert.Contains(stray.Message, "faasr_workflow/stray.py");
    }

    [TestMethod]
    public async Task AConflictIsExplainedAndTheRepositoryIsLeftExactlyAsItWas()
    {
        using var repositories = await SubtreeRepositories.CreateAsync(Token);
        var update = new SubtreeUpdate(repositories.Project);
        await update.RunAsync(Source(repositories), Token);
        await repositories.CommitProjectAsync("faasr_workflow/scripts/register_workflow.py", "print('local edit')\n", Token);
        await repositories.CommitUpstreamAsync("scripts/register_workflow.py", "print('v2')\n", Token);
        var before = await repositories.ProjectStateAsync(Token);

        var exception = await Assert.ThrowsExactlyAsync<SubtreeUpdateException>(() => update.RunAsync(Source(repositories), Token));

        StringAssert.Contains(exception.Message, $"{repositories.UpstreamBare} main conflicts with this repository's own changes to faasr_workflow/scripts/register_workflow.py");
        StringAssert.Contains(exception.Message, "exactly as it was");
        Assert.AreEqual(before, await repositories.ProjectStateAsync(Token));
        Assert.AreEqual("print('local edit')\n", repositories.ReadProject("faasr_workflow/scripts/register_workflow.py"));
    }

    [TestMethod]
    public async Task AnUnknownRefOrUnreachableUpstreamChangesNothing()
    {
        using var repositories = await SubtreeRepositories.CreateAsync(Token);
        var before = await repositories.ProjectStateAsync(Token);
        var update = new SubtreeUpdate(repositories.Project);

        var unknown = await Assert.ThrowsExactlyAsync<SubtreeUpdateException>(() => update.RunAsync(Source(repositories) with { Ref = "no-such-branch" }, Token));
        var unreachable = await Assert.ThrowsExactlyAsync<GitCommandException>(() => update.RunAsync(Source(repositories) with { Url = Path.Combine(repositories.Root, "absent.git") }, Token));

        Assert.AreEqual($"{repositories.UpstreamBare} has no branch or tag 'no-such-branch'. Nothing was changed.", unknown.Message);
        StringAssert.Contains(unreachable.Message, "absent.git cannot be read as a git repository");
        Assert.AreEqual(before, await repositories.ProjectStateAsync(Token));
    }

    [TestMethod]
    public async Task AFolderWithOtherFilesThatWasNeverAddedIsRefused()
    {
        using var repositories = await SubtreeRepositories.CreateAsync(Token);
        await repositories.CommitProjectAsync("faasr_workflow/scripts/copied.py", "a copy, not a subtree\n", Token);
        var before = await repositories.ProjectStateAsync(Token);

        var exception = await Assert.ThrowsExactlyAsync<SubtreeUpdateException>(() => new SubtreeUpdate(repositories.Project).RunAsync(Source(repositories), Token));

        StringAssert.Contains(exception.Message, "faasr_workflow/ holds files (scripts) but was never added as a subtree");
        Assert.AreEqual(before, await repositories.ProjectStateAsync(Token));
    }

    private static SubtreeSource Source(SubtreeRepositories repositories) => new(repositories.UpstreamBare, "main", "faasr_workflow");
}

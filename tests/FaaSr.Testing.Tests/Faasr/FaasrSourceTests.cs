using FaaSr.Testing.Faasr.Sources;
using FaaSr.Testing.GitHub.Git;

namespace FaaSr.Testing.Tests.Faasr;

/// <summary>
/// --backend/--entry/--workflow-tools: a folder used in place, a git repository with @ref cloned into the cache
/// (offline for a local path).
/// </summary>
[TestClass]
public sealed class FaasrSourceTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    [DataRow("https://example.invalid/o/FaaSr-Backend.git@v2.1.0", "https://example.invalid/o/FaaSr-Backend.git", "v2.1.0")]
    [DataRow("https://example.invalid/o/FaaSr-Backend.git", "https://example.invalid/o/FaaSr-Backend.git", null)]
    [DataRow("git@example.invalid:o/r.git", "git@example.invalid:o/r.git", null)]
    [DataRow("git@example.invalid:o/r.git@main", "git@example.invalid:o/r.git", "main")]
    public void AGitUrlIsParsedWithItsOptionalRef(string given, string location, string? reference)
    {
        var spec = FaasrSourceSpec.Parse(given, "/");

        Assert.AreEqual(location, spec.Location);
        Assert.AreEqual(reference, spec.Ref);
        Assert.IsFalse(spec.IsFolder);
    }

    [TestMethod]
    public async Task AFolderIsUsedInPlaceWithItsCommitAndWhetherItWasModified()
    {
        using var repository = await GitRepository.CreateAsync(Token);
        var cache = new FaasrSourceCache(Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + "-cache"),
            TimeProvider.System);

        var clean = await cache.ResolveAsync(FaasrSourceRole.Backend, FaasrSourceSpec.Parse(repository.Root, "/"), _ => { }, Token);
        File.AppendAllText(Path.Combine(repository.Root, "FaaSr_py", "__init__.py"), "# changed\n");
        var changed = await cache.ResolveAsync(FaasrSourceRole.Backend, FaasrSourceSpec.Parse(repository.Root, "/"), _ => { }, Token);

        Assert.AreEqual(repository.Root, clean.Folder);
        Assert.AreEqual(repository.Head, clean.Commit);
        Assert.IsFalse(clean.Modified);
        Assert.IsTrue(changed.Modified);
        StringAssert.Contains(changed.Describe(), "with uncommitted changes");
    }

    [TestMethod]
    public async Task APathWithARefIsClonedIntoTheCacheAtThatRefAndReused()
    {
        using var repository = await GitRepository.CreateAsync(Token);
        var tagged = repository.Head;
        await repository.CommitAsync("FaaSr_py/__init__.py", "VERSION = 2\n", Token);
        var cacheRoot = repository.Root + "-cache";
        try
        {
            var cache = new FaasrSourceCache(cacheRoot, TimeProvider.System);
            var first = await cache.ResolveAsync(FaasrSourceRole.Backend, FaasrSourceSpec.Parse($"{repository.Root}@v1", "/"), _ => { },
                Token);
            var again = await cache.ResolveAsync(FaasrSourceRole.Backend, FaasrSourceSpec.Parse($"{repository.Root}@v1", "/"), _ => { },
                Token);
            var head = await cache.ResolveAsync(FaasrSourceRole.Backend, FaasrSourceSpec.Parse($"{repository.Root}@main", "/"), _ => { },
                Token);

            Assert.AreEqual(tagged, first.Commit);
            StringAssert.StartsWith(first.Folder, Path.GetFullPath(cacheRoot));
            Assert.AreEqual("VERSION = 1\n", File.ReadAllText(first.PathOf("FaaSr_py/__init__.py")));
            Assert.AreEqual(first.Folder, again.Folder, "a commit is checked out once");
            Assert.AreEqual(repository.Head, head.Commit);
            Assert.AreEqual("VERSION = 2\n", File.ReadAllText(head.PathOf("FaaSr_py/__init__.py")));
        }
        finally
        {
            Directory.Delete(cacheRoot, recursive: true);
        }
    }

    [TestMethod]
    public async Task AnUnknownRefAndAFolderWithoutTheRolesFilesAreBadInputNamingThem()
    {
        using var repository = await GitRepository.CreateAsync(Token);
        var cacheRoot = repository.Root + "-cache";
        try
        {
            var cache = new FaasrSourceCache(cacheRoot, TimeProvider.System);
            var unknownRef = await Assert.ThrowsAsync<FaasrSourceException>(() =>
                cache.ResolveAsync(FaasrSourceRole.Backend, FaasrSourceSpec.Parse($"{repository.Root}@no-such-ref", "/"), _ => { }, Token));
            var notAnEntry = await Assert.ThrowsAsync<FaasrSourceException>(() =>
                cache.ResolveAsync(FaasrSourceRole.Entry, FaasrSourceSpec.Parse(repository.Root, "/"), _ => { }, Token));

            StringAssert.Contains(unknownRef.Message, "has no branch, tag or commit 'no-such-ref'");
            StringAssert.Contains(notAnEntry.Message, "--entry");
            StringAssert.Contains(notAnEntry.Message, "is not a FaaSr-Docker source: it has no faas_specific/faasr_entry.py");
        }
        finally
        {
            if (Directory.Exists(cacheRoot))
            {
                Directory.Delete(cacheRoot, recursive: true);
            }
        }
    }

    [TestMethod]
    public async Task WithoutABackendTheComputeSaysWhichOptionNamesIt()
    {
        var failure = await Assert.ThrowsAsync<FaasrSourceException>(() =>
            FaasrSources.ResolveAsync(new FaasrSourceOptions { Entry = "/nowhere" }, TimeProvider.System, _ => { }, Token));

        StringAssert.Contains(failure.Message, "--backend FOLDER|GIT-URL[@REF] (or FAASR_IT_BACKEND)");
    }

    /// <summary>A git repository holding a FaaSr_py package, tagged v1.</summary>
    private sealed class GitRepository : IDisposable
    {
        private GitRepository(string root) => Root = root;

        public string Root { get; }

        public string Head { get; private set; } = string.Empty;

        public static async Task<GitRepository> CreateAsync(CancellationToken cancellationToken)
        {
            var repository = new GitRepository(Directory.CreateTempSubdirectory("faasr-it-source-").FullName);
            await GitAsync(repository.Root, cancellationToken, "init", "-q", "-b", "main");
            await repository.CommitAsync("FaaSr_py/__init__.py", "VERSION = 1\n", cancellationToken);
            await GitAsync(repository.Root, cancellationToken, "tag", "v1");
            return repository;
        }

        public async Task CommitAsync(string path, string content, CancellationToken cancellationToken)
        {
            var file = Path.Combine(Root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, content, cancellationToken);
            await GitAsync(Root, cancellationToken, "add", "-A");
            await GitAsync(Root, cancellationToken, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", path);
            Head = (await GitProcess.RunAsync(Root, ["rev-parse", "HEAD"], cancellationToken)).Output.Trim();
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);

        private static async Task GitAsync(string folder, CancellationToken cancellationToken, params string[] arguments)
        {
            var result = await GitProcess.RunAsync(folder, arguments, cancellationToken);
            Assert.IsTrue(result.Succeeded, result.Error);
        }
    }
}

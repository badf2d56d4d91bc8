using FaaSr.Testing.Containers.Images;

namespace FaaSr.Testing.Tests.Containers;

[TestClass]
public sealed class DockerIgnoreTests
{
    [TestMethod]
    [DataRow("*.env", "secret.env", true)]
    [DataRow("*.env", "sub/secret.env", false)]
    [DataRow("**/*.env", "sub/deep/secret.env", true)]
    [DataRow("**/*.env", "secret.env", true)]
    [DataRow("cache", "cache/big.bin", true)]
    [DataRow("/cache/", "cache/big.bin", true)]
    [DataRow("./cache", "cache", true)]
    [DataRow("ca?he", "cache", true)]
    [DataRow("ca?he", "caache", false)]
    [DataRow("[a-c]ache", "cache", true)]
    [DataRow("[!a-c]ache", "cache", false)]
    [DataRow("docs/**", "docs/a/b.md", true)]
    [DataRow("docs/**", "docsx/a.md", false)]
    [DataRow(@"weird\*name", "weird*name", true)]
    [DataRow(@"weird\*name", "weirdXname", false)]
    [DataRow("# a comment", "# a comment", false)]
    public void APatternExcludesWhatDockerWould(string pattern, string path, bool excluded) =>
        Assert.AreEqual(excluded, DockerIgnore.Parse(pattern).Excludes(path), $"{pattern} on {path}");

    [TestMethod]
    public void TheLastMatchingPatternDecidesAndExceptionsBringPathsBack()
    {
        var ignore = DockerIgnore.Parse("cache\n!cache/keep.txt\n*.md\n!README.md\nREADME.md\n");

        Assert.IsTrue(ignore.Excludes("cache/big.bin"));
        Assert.IsFalse(ignore.Excludes("cache/keep.txt"));
        Assert.IsTrue(ignore.Excludes("notes.md"));
        Assert.IsTrue(ignore.Excludes("README.md"), "README.md is excluded again by the last line");
        Assert.IsFalse(ignore.Excludes("Dockerfile"));
        Assert.IsTrue(ignore.HasExceptions);
    }

    [TestMethod]
    public async Task TheContextArchiveHoldsWhatTheCommittedDockerignoreLeaves()
    {
        var context = Support.RepositoryFiles.Path("tests", "FaaSr.Testing.Tests", "Containers", "Contexts", "hello");
        var image = new ImageDefinition(Path.Combine(context, "Dockerfile"), "hello/Dockerfile", context, "hello");

        var names = (await BuildContextArchive.ListAsync(image, TestContext.CancellationToken)).Select(n => n.TrimEnd('/')).ToList();

        CollectionAssert.IsSubsetOf(new[] { "Dockerfile", ".dockerignore", "kept.txt", "cache/keep.txt" }, names, string.Join(", ", names));
        CollectionAssert.DoesNotContain(names, "secret.env");
        CollectionAssert.DoesNotContain(names, "cache/big.bin");
    }

    [TestMethod]
    public async Task AnExcludedDockerfileIsStillSent()
    {
        var context = Directory.CreateTempSubdirectory("faasr-it-context-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), "FROM scratch\n", TestContext.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(context, ".dockerignore"), "*\n", TestContext.CancellationToken);
            var image = new ImageDefinition(Path.Combine(context, "Dockerfile"), "Dockerfile", context, "x");

            var names = await BuildContextArchive.ListAsync(image, TestContext.CancellationToken);

            CollectionAssert.AreEqual(new[] { "Dockerfile" }, names.ToArray());
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    public TestContext TestContext { get; set; } = null!;
}

using FaaSr.Testing.Containers.Images;

namespace FaaSr.Testing.Tests.Containers;

[TestClass]
public sealed class DockerfileDiscoveryTests
{
    [TestMethod]
    [DataRow("python-function/Dockerfile", "python-function")]
    [DataRow("tools/lint.Dockerfile", "tools-lint")]
    [DataRow("Dockerfile", "default")]
    [DataRow("R Base/Dockerfile", "r-base")]
    [DataRow("a/b/GPU.Dockerfile", "a-b-gpu")]
    public void TheImageNameComesFromThePath(string relativePath, string name) =>
        Assert.AreEqual(name, DockerfileDiscovery.ImageName(relativePath));

    [TestMethod]
    public void EveryDockerfileAndDotDockerfileIsFoundAndNothingElse()
    {
        using var folder = new TemporaryTree("python/Dockerfile", "python/test.Dockerfile", "python/notes.md", "python/Dockerfile.bak",
            "r/Dockerfile");

        var found = DockerfileDiscovery.Find(Path.Combine(folder.Root, "docker"), folder.Root);

        CollectionAssert.AreEqual(
            new[] { "docker/python/Dockerfile", "docker/python/test.Dockerfile", "docker/r/Dockerfile" },
            found.Select(d => d.DisplayPath).ToArray());
        CollectionAssert.AreEqual(new[] { "python", "python-test", "r" }, found.Select(d => d.Name).ToArray());
        Assert.AreEqual("test.Dockerfile", found[1].DockerfileInContext);
        Assert.AreEqual(Path.Combine(folder.Root, "docker", "python"), found[1].ContextDirectory);
    }

    [TestMethod]
    public void TwoDockerfilesWithOneImageNameAreAnErrorNamingBoth()
    {
        using var folder = new TemporaryTree("a-b/Dockerfile", "a/b.Dockerfile");

        var error = Assert.ThrowsExactly<ImageBuildException>(() =>
            DockerfileDiscovery.Find(Path.Combine(folder.Root, "docker"), folder.Root));

        StringAssert.Contains(error.Message, "docker/a-b/Dockerfile");
        StringAssert.Contains(error.Message, "docker/a/b.Dockerfile");
        StringAssert.Contains(error.Message, "'a-b'");
    }

    [TestMethod]
    public void NoDockerFolderMeansNoImages() =>
        Assert.IsEmpty(DockerfileDiscovery.Find("/nonexistent/docker", "/nonexistent"));

    [TestMethod]
    public void BaseImagesComeFromFromLinesWithArgumentsExpanded()
    {
        const string dockerfile = """
            ARG BASE=localhost/x/base:1
            ARG OTHER
            FROM ${BASE} AS build
            RUN make \
                all
            FROM build
            FROM --platform=linux/amd64 $OTHER
            FROM scratch
            """;

        CollectionAssert.AreEqual(new[] { "localhost/x/base:1", "" },
            DockerfileBaseImages.Read(dockerfile, new Dictionary<string, string>()).ToArray());
        CollectionAssert.AreEqual(
            new[] { "given:2", "other:3" },
            DockerfileBaseImages.Read(dockerfile, new Dictionary<string, string> { ["BASE"] = "given:2", ["OTHER"] = "other:3" })
                .ToArray());
    }

    /// <summary>A temporary repository root with the given files under docker/.</summary>
    private sealed class TemporaryTree : IDisposable
    {
        public TemporaryTree(params string[] files)
        {
            Root = Directory.CreateTempSubdirectory("faasr-it-docker-").FullName;
            foreach (var file in files)
            {
                var path = Path.Combine(Root, "docker", file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, "FROM scratch\n");
            }
        }

        public string Root { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}

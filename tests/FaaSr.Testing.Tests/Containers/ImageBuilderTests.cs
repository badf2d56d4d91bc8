using Docker.DotNet.Models;
using FaaSr.Testing.Containers;
using FaaSr.Testing.Containers.Images;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Containers;

/// <summary>Builds against the real engine (podman here): committed contexts, labels, build arguments, broken Dockerfiles.</summary>
[TestClass]
public sealed class ImageBuilderTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task AnImageBuiltFromACommittedContextIsFoundByItsLabelWithTheBuildArgument()
    {
        var engine = await TestContainerEngine.GetAsync(TestContext.CancellationToken);
        var labels = TestContainerEngine.Labels;
        var lines = new List<string>();
        var builder = new ImageBuilder(engine, lines.Add, Environment.GetEnvironmentVariable);

        var built = await builder.BuildAsync(
            ContainerTestImages.Context("hello"),
            ContainerTestImages.Settings(labels, new Dictionary<string, string> { ["GREETING"] = "hi-from-test" }),
            TestContext.CancellationToken);

        Assert.AreEqual($"localhost/{labels.Scope}/test-hello:test", built.Reference);
        var listed = await engine.Client.Images.ListImagesAsync(
            new ImagesListParameters { Filters = labels.LabelFilters() }, TestContext.CancellationToken);
        var found = listed.SingleOrDefault(i => i.RepoTags?.Contains(built.Reference) == true);
        Assert.IsNotNull(found,
            $"{built.Reference} among the images labelled {labels.Filter}: {string.Join(", ", listed.SelectMany(i => i.RepoTags ?? []))}");
        Assert.AreEqual(built.Id, found.ID);
        var inspected = await engine.Client.Images.InspectImageAsync(built.Reference, TestContext.CancellationToken);
        var imageLabels = inspected.Config!.Labels!;
        Assert.AreEqual(labels.Scope, imageLabels[ProjectLabels.ProjectKey]);
        Assert.AreEqual("tests/FaaSr.Testing.Tests/Containers/Contexts/hello/Dockerfile", imageLabels[ProjectLabels.DockerfileKey]);
        Assert.AreEqual("test", imageLabels[ProjectLabels.CommitKey]);
        Assert.AreEqual("hi-from-test", imageLabels["org.faasr-it.test.greeting"], "the build argument reached the Dockerfile");
        Assert.IsTrue(lines.Any(l => l.Contains("COPY", StringComparison.Ordinal)),
            $"the engine's progress was streamed: {string.Join(" | ", lines)}");
    }

    [TestMethod]
    [DataRow("broken-copy", "no-such-file.txt")]
    [DataRow("broken-instruction", "FROBNICATE")]
    public async Task ABrokenDockerfileFailsWithTheEnginesMessageAndItsPath(string context, string fragment)
    {
        var engine = await TestContainerEngine.GetAsync(TestContext.CancellationToken);
        var builder = new ImageBuilder(engine, _ => { }, Environment.GetEnvironmentVariable);
        var definition = ContainerTestImages.Context(context);

        var error = await Assert.ThrowsExactlyAsync<ImageBuildException>(
            () => builder.BuildAsync(definition, ContainerTestImages.Settings(TestContainerEngine.Labels), TestContext.CancellationToken));

        Assert.AreEqual(definition.DisplayPath, error.Dockerfile);
        StringAssert.StartsWith(error.Message, $"{definition.DisplayPath}: ");
        Assert.Contains(fragment, error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.IsFalse(await builder.ExistsAsync($"{TestContainerEngine.Labels.RepositoryPrefix}{definition.Name}:test",
            TestContext.CancellationToken));
    }

    [TestMethod]
    public async Task AMissingBaseImageThatCannotBePulledIsNamedInTheFailure()
    {
        var engine = await TestContainerEngine.GetAsync(TestContext.CancellationToken);
        var builder = new ImageBuilder(engine, _ => { }, Environment.GetEnvironmentVariable);
        var folder = Directory.CreateTempSubdirectory("faasr-it-context-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"), "FROM localhost/faasr-it-no-such/base:1\n",
                TestContext.CancellationToken);
            var definition = new ImageDefinition(Path.Combine(folder, "Dockerfile"), "docker/needs-base/Dockerfile", folder, "needs-base");

            var error = await Assert.ThrowsExactlyAsync<ImageBuildException>(
                () => builder.BuildAsync(definition, ContainerTestImages.Settings(TestContainerEngine.Labels),
                    TestContext.CancellationToken));

            StringAssert.StartsWith(error.Message,
                "docker/needs-base/Dockerfile: base image localhost/faasr-it-no-such/base:1 is not in the engine and could not be pulled");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using FaaSr.Testing.Containers;
using FaaSr.Testing.Containers.Cleanup;
using FaaSr.Testing.Containers.Engine;
using FaaSr.Testing.Containers.Images;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Containers;

/// <summary>Cleanup against the real engine removes what carries its label and leaves everything else alone.</summary>
[TestClass]
public sealed class ProjectCleanerTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task CleanupRemovesTheLabelledContainerNetworkAndImagesAndNothingElse()
    {
        var engine = await TestContainerEngine.GetAsync(TestContext.CancellationToken);
        var token = TestContext.CancellationToken;
        // A scope of this test's own, so the cleanup below cannot touch what other tests made.
        var labels = new ProjectLabels($"{TestContainerEngine.Labels.Scope}-clean");
        var unlabelled = $"localhost/{labels.Scope}-unlabelled/plain:1";
        var foreignTag = $"localhost/{labels.Scope}-someone-else/derived:1";
        try
        {
            // Its own content, so no image of another test shares its layer and its space is reclaimed.
            var builtContext = Directory.CreateTempSubdirectory("faasr-it-context-").FullName;
            BuiltImage built;
            try
            {
                foreach (var file in Directory.GetFiles(ContainerTestImages.Context("hello").ContextDirectory))
                {
                    File.Copy(file, Path.Combine(builtContext, Path.GetFileName(file)));
                }

                await File.WriteAllTextAsync(Path.Combine(builtContext, "unique.txt"), Guid.NewGuid().ToString(), token);
                built = await new ImageBuilder(engine, _ => { }, Environment.GetEnvironmentVariable).BuildAsync(
                    new ImageDefinition(Path.Combine(builtContext, "Dockerfile"), "hello/Dockerfile", builtContext, "test-hello"),
                    ContainerTestImages.Settings(labels),
                    token);
            }
            finally
            {
                Directory.Delete(builtContext, recursive: true);
            }

            var container = await engine.Client.Containers.CreateContainerAsync(
                new CreateContainerParameters
                {
                    Image = built.Reference,
                    Cmd = ["/nothing"],
                    Labels = labels.ForObject(),
                    Name = $"{labels.Scope}-idle",
                },
                token);
            await engine.Client.Networks.CreateNetworkAsync(
                new NetworksCreateParameters { Name = $"{labels.Scope}-net", Labels = labels.ForObject() }, token);
            await ImportUnlabelledAsync(engine, unlabelled, token);
            // A second image of ours with layers of its own, from a copy of the context with one more file.
            var otherContext = Directory.CreateTempSubdirectory("faasr-it-context-").FullName;
            foreach (var file in Directory.GetFiles(ContainerTestImages.Context("hello").ContextDirectory))
            {
                File.Copy(file, Path.Combine(otherContext, Path.GetFileName(file)));
            }

            await File.WriteAllTextAsync(Path.Combine(otherContext, "more.txt"), Guid.NewGuid().ToString(), token);
            BuiltImage other;
            try
            {
                other = await new ImageBuilder(engine, _ => { }, Environment.GetEnvironmentVariable).BuildAsync(
                    new ImageDefinition(Path.Combine(otherContext, "Dockerfile"), "other/Dockerfile", otherContext, "test-other"),
                    ContainerTestImages.Settings(labels),
                    token);
            }
            finally
            {
                Directory.Delete(otherContext, recursive: true);
            }

            // An image someone else tagged from one of ours: it carries our label, but not our name.
            await engine.Client.Images.TagImageAsync(
                other.Id, new ImageTagParameters { RepositoryName = foreignTag.Split(':')[0], Tag = "1" }, token);
            await engine.Client.Images.DeleteImageAsync(other.Reference, new ImageDeleteParameters(), token);
            await engine.Client.Images.DeleteImageAsync($"{labels.RepositoryPrefix}test-other:latest", new ImageDeleteParameters(), token);

            var builtSize = (await engine.Client.Images.InspectImageAsync(built.Id, token)).Size;
            var report = await new ProjectCleaner(engine, labels, _ => { }).CleanAsync(token);

            Assert.Contains(c => c.StartsWith($"{labels.Scope}-idle", StringComparison.Ordinal), report.Containers,
                string.Join(", ", report.Containers));
            CollectionAssert.AreEqual(new[] { $"{labels.Scope}-net" }, report.Networks.ToArray());
            Assert.Contains(i => i.Contains(built.Reference, StringComparison.Ordinal), report.Images, string.Join(", ", report.Images));
            Assert.IsGreaterThan(0L, report.SpaceReclaimedBytes, "the hello image's own layer");
            Assert.IsLessThanOrEqualTo(builtSize, report.SpaceReclaimedBytes, report.Summary);
            Assert.Contains(k => k.Contains(foreignTag, StringComparison.Ordinal), report.Kept, string.Join(", ", report.Kept));
            StringAssert.StartsWith(report.Summary, "Removed 1 container, 1 network, ");

            Assert.IsEmpty(await engine.Client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Filters = labels.LabelFilters() }, token));
            Assert.IsEmpty(await engine.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = labels.LabelFilters() },
                token));
            await Assert.ThrowsAsync<DockerApiException>(() => engine.Client.Images.InspectImageAsync(built.Reference, token));
            await engine.Client.Images.InspectImageAsync(unlabelled, token); // the unlabelled image survives
            await engine.Client.Images.InspectImageAsync(foreignTag, token); // and so does the foreign-named one
            var remaining = await engine.Client.Images.ListImagesAsync(
                new ImagesListParameters { All = true, Filters = labels.LabelFilters() }, token);
            var tagged = remaining.Where(i => (i.RepoTags ?? []).Any(t => !t.StartsWith("<none>", StringComparison.Ordinal))).ToList();
            Assert.IsTrue(tagged.All(i => i.RepoTags.Contains(foreignTag)),
                $"of the tagged images only the foreign-named one keeps our " +
                $"label: {string.Join(", ", tagged.SelectMany(i => i.RepoTags))}");

            var again = await new ProjectCleaner(engine, labels, _ => { }).CleanAsync(token);
            Assert.IsTrue(again.RemovedNothing, again.Summary);
        }
        finally
        {
            foreach (var image in new[] { unlabelled, foreignTag })
            {
                try
                {
                    await engine.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
                }
                catch (DockerApiException exception) when (EngineErrors.IsNotFound(exception))
                {
                    // Not made: the test failed before.
                }
            }

            await new ProjectCleaner(engine, labels, _ => { }).CleanAsync(CancellationToken.None);
        }
    }

    private static async Task ImportUnlabelledAsync(ContainerEngine engine, string reference, CancellationToken cancellationToken)
    {
        using var archive = new MemoryStream();
        await using (var writer = new TarWriter(archive, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream("hello"u8.ToArray()) };
            await writer.WriteEntryAsync(entry, cancellationToken);
        }

        archive.Position = 0;
        await engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = reference }, archive, null,
            new Progress<JSONMessage>(), cancellationToken);
    }
}

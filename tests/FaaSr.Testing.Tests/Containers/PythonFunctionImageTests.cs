using System.Text.Json;
using FaaSr.Testing.Containers.Images;
using FaaSr.Testing.Containers.Running;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Containers;

/// <summary>
/// The project's docker/python-function image, built FROM a Debian root file system made by debootstrap (cached
/// after the first run) and imported as a base image, runs one action of IntegrationTestWorkflow: create-input, the
/// project's own Python function, unchanged, through the image's runner, in a container with its own network and /tmp.
/// </summary>
[TestClass]
public sealed class PythonFunctionImageTests
{
    private const string InvocationId = "5d1f0c2e-0000-4000-8000-000000000012";
    private static BuiltImage? image;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TheCreateInputActionRunsInThePythonImageAndWritesItsFourFiles()
    {
        var built = await BuildAsync();
        var input = Directory.CreateTempSubdirectory("faasr-it-action-").FullName;
        try
        {
            File.Copy(RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json"), Path.Combine(input, "workflow.json"));
            CopyTree(RepositoryFiles.Path("functions", "IntegrationTestWorkflow"),
                Path.Combine(input, "functions", "IntegrationTestWorkflow"));
            var command = ContainerCommand.Of(built.Reference, "/work/workflow.json", "create-input", "/work/functions") with
            {
                InputDirectory = input,
                Environment = new Dictionary<string, string> { ["FAASR_INVOCATION_ID"] = InvocationId },
                Timeout = TimeSpan.FromMinutes(2),
            };

            var result = await new ContainerCommandRunner(await TestContainerEngine.GetAsync(TestContext.CancellationToken),
                TestContainerEngine.Labels)
                .RunAsync(command, TestContext.CancellationToken);

            Assert.AreEqual(0L, result.ExitCode, $"stdout: {result.StandardOutput}\nstderr: {result.StandardError}");
            StringAssert.Contains(result.StandardOutput, $"Using invocation ID: {InvocationId}");
            StringAssert.Contains(result.StandardOutput, "Created input1.txt, input2.txt, input3.txt and input4.txt");
            var store = Store(result.StandardOutput);
            var folder = $"integration-tests/{InvocationId}";
            Assert.AreEqual("Test input1", store[$"{folder}/input1.txt"]);
            Assert.AreEqual("Test input2", store[$"{folder}/input2.txt"]);
            Assert.AreEqual("id,fruit,price\n1,apple,1.99\n2,banana,0.16\n3,strawberry,3.77\n", store[$"{folder}/input3.txt"]);
            Assert.AreEqual("Test input4", store[$"{folder}/input4.txt"]);
            Assert.HasCount(4, store);
        }
        finally
        {
            Directory.Delete(input, recursive: true);
        }
    }

    [TestMethod]
    public async Task CommandsRunSideBySideEachWithItsOwnNetworkAndTmpfsTmpAndLeaveNothingBehind()
    {
        var built = await BuildAsync();
        var engine = await TestContainerEngine.GetAsync(TestContext.CancellationToken);
        var runner = new ContainerCommandRunner(engine, TestContainerEngine.Labels);
        const string probe = "import socket; print(socket.gethostbyname(socket.gethostname())); "
            + "print([l for l in open('/proc/mounts') if l.split()[1] == '/tmp'][0])";
        var command = ContainerCommand.Of(built.Reference, "-c", probe) with
        {
            Entrypoint = ["python3"],
            Timeout = TimeSpan.FromMinutes(1),
        };

        var results = await Task.WhenAll(runner.RunAsync(command, TestContext.CancellationToken),
            runner.RunAsync(command, TestContext.CancellationToken));

        foreach (var result in results)
        {
            Assert.AreEqual(0L, result.ExitCode, result.StandardError);
            Assert.Contains(" /tmp tmpfs ", result.StandardOutput);
        }

        var subnets = results.Select(r => string.Join('.', r.StandardOutput.Split('\n')[0].Trim().Split('.')[..3])).ToList();
        Assert.AreNotEqual(subnets[0], subnets[1],
            $"two networks: {string.Join(" and ", results.Select(r => r.StandardOutput.Split('\n')[0]))}");
        var labelFilter = TestContainerEngine.Labels.LabelFilters();
        Assert.IsEmpty(await engine.Client.Containers.ListContainersAsync(
            new Docker.DotNet.Models.ContainersListParameters { All = true, Filters = labelFilter }, TestContext.CancellationToken));
        Assert.IsEmpty(await engine.Client.Networks.ListNetworksAsync(
            new Docker.DotNet.Models.NetworksListParameters { Filters = labelFilter }, TestContext.CancellationToken));
    }

    [TestMethod]
    public async Task ACommandThatOutlivesItsTimeoutIsKilledAndSaysSo()
    {
        var built = await BuildAsync();
        var runner = new ContainerCommandRunner(await TestContainerEngine.GetAsync(TestContext.CancellationToken),
            TestContainerEngine.Labels);
        var command = ContainerCommand.Of(built.Reference, "-c", "import time; print('started', flush=True); time.sleep(60)") with
        {
            Entrypoint = ["python3"],
            Timeout = TimeSpan.FromSeconds(3),
        };

        var result = await runner.RunAsync(command, TestContext.CancellationToken);

        Assert.IsTrue(result.TimedOut);
        Assert.AreNotEqual(0L, result.ExitCode);
        Assert.IsLessThan(TimeSpan.FromSeconds(40), result.Elapsed);
    }

    private async Task<BuiltImage> BuildAsync()
    {
        if (image is not null)
        {
            return image;
        }

        var engine = await TestContainerEngine.GetAsync(TestContext.CancellationToken);
        var labels = TestContainerEngine.Labels;
        var settings = ContainerTestImages.Settings(labels,
            new Dictionary<string, string> { ["BASE_IMAGE"] = RootfsBaseImage.DebianPython3(labels).Reference });
        var definition = DockerfileDiscovery.Find(RepositoryFiles.Path("docker"), RepositoryFiles.Root).Single(d =>
            d.Name == "python-function");
        image = await new ImageBuilder(engine, TestContext.WriteLine, Environment.GetEnvironmentVariable)
            .BuildAsync(definition, settings, TestContext.CancellationToken);
        return image;
    }

    private static Dictionary<string, string> Store(string output)
    {
        const string marker = "faasr-it-store: ";
        var line = output.Split('\n').Last(l => l.StartsWith(marker, StringComparison.Ordinal));
        return JsonSerializer.Deserialize<Dictionary<string, string>>(line[marker.Length..])!;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*.py", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

using FaaSr.Testing.Cli;
using FaaSr.Testing.Containers.Engine;
using FaaSr.Testing.Tests.Containers;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

/// <summary>faasr-it images build|clean: exit codes and what they print, with and without an engine.</summary>
[TestClass]
public sealed class ImagesCommandTests
{
    private const string Nowhere = "unix:///nonexistent/faasr-it/docker.sock";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("build")]
    [DataRow("clean")]
    public async Task WithoutAnEngineOneLineSaysWhereItLookedAndHowToStartOneAndTheExitIsThree(string verb)
    {
        await SkipWhenAUsualSocketAnswersAsync();
        using var host = new EnvironmentVariable(EngineEndpoints.HostVariable, Nowhere);

        var result = await InProcessCli.RunAsync(verb == "build" ? ["images", verb, "--root", RepositoryFiles.Root] : ["images", verb]);

        Assert.AreEqual(ExitCodes.EnvironmentProblem, result.ExitCode, result.Output + result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.Error);
        StringAssert.StartsWith(lines[0], $"images {verb}: No Docker API answered at DOCKER_HOST ({Nowhere}) or the usual sockets (unix:///var/run/docker.sock");
        StringAssert.Contains(lines[0], "podman system service");
    }

    [TestMethod]
    public async Task WithoutAnEngineSkipWithoutEngineSaysSoInOneLineAndSucceeds()
    {
        await SkipWhenAUsualSocketAnswersAsync();
        using var host = new EnvironmentVariable(EngineEndpoints.HostVariable, Nowhere);

        var result = await InProcessCli.RunAsync("images", "build", "--root", RepositoryFiles.Root, "--skip-without-engine");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Error);
        Assert.AreEqual(string.Empty, result.Error);
        StringAssert.StartsWith(result.Output.Trim(), "images build: skipped: No Docker API answered at DOCKER_HOST");
        Assert.HasCount(1, result.Output.Trim().Split('\n'));
    }

    [TestMethod]
    [DataRow("--build-arg", "NOEQUALS")]
    [DataRow("--scope", "Bad Scope")]
    public async Task BadArgumentsExitTwoNamingTheArgument(string option, string value)
    {
        var result = await InProcessCli.RunAsync("images", "build", "--root", RepositoryFiles.Root, option, value);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, $"{option} '{value}'");
    }

    [TestMethod]
    public async Task BuildThenCleanAFolderWithADockerfileReportsTheImageAndWhatWasRemoved()
    {
        var engine = await TestContainerEngine.GetAsync(TestContext.CancellationToken);
        var scope = $"{TestContainerEngine.Labels.Scope}-cli";
        var root = Directory.CreateTempSubdirectory("faasr-it-root-").FullName;
        using var host = new EnvironmentVariable(EngineEndpoints.HostVariable, engine.Endpoint.ToString());
        try
        {
            var context = Path.Combine(root, "docker", "hello");
            Directory.CreateDirectory(context);
            foreach (var file in Directory.GetFiles(ContainerTestImages.Context("hello").ContextDirectory))
            {
                File.Copy(file, Path.Combine(context, Path.GetFileName(file)));
            }

            Directory.CreateDirectory(Path.Combine(root, "workflows"));
            File.Copy(RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json"), Path.Combine(root, "workflows", "IntegrationTestWorkflow.json"));

            var built = await InProcessCli.RunAsync("images", "build", "--root", root, "--tag", "cli", "--scope", scope, "--build-arg", "GREETING=cli");
            var cleaned = await InProcessCli.RunAsync("images", "clean", "--scope", scope);
            var again = await InProcessCli.RunAsync("images", "clean", "--scope", scope);

            Assert.AreEqual(ExitCodes.Success, built.ExitCode, built.Error);
            StringAssert.Contains(built.Output, $"docker/hello/Dockerfile -> localhost/{scope}/hello:cli, localhost/{scope}/hello:latest");
            StringAssert.Contains(built.Output, "[hello] ");
            StringAssert.Contains(built.Output, "IntegrationTestWorkflow: create-input, test-py-api, ");
            StringAssert.Contains(built.Output, " -> ghcr.io/faasr/github-actions-python:latest (not built here)");
            Assert.AreEqual(ExitCodes.Success, cleaned.ExitCode, cleaned.Error);
            StringAssert.Contains(cleaned.Output, $"Removed image localhost/{scope}/hello:cli, localhost/{scope}/hello:latest");
            StringAssert.Contains(cleaned.Output, "Removed 0 containers, 0 networks, ");
            StringAssert.Contains(again.Output, $"Nothing labelled org.faasr-it.project={scope} to remove.");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            await InProcessCli.RunAsync("images", "clean", "--scope", scope);
        }
    }

    private async Task SkipWhenAUsualSocketAnswersAsync()
    {
        foreach (var socket in EngineEndpoints.Candidates(name => name == EngineEndpoints.HostVariable ? null : Environment.GetEnvironmentVariable(name)))
        {
            using var engine = await EngineLocator.TryConnectAsync(socket, TestContext.CancellationToken);
            if (engine is not null)
            {
                Assert.Inconclusive($"An engine answers at {socket}, one of the usual sockets, so 'no engine' cannot be shown here.");
            }
        }
    }

    /// <summary>Sets a variable of this process for the test and puts the old value back (the tests of this assembly run one at a time).</summary>
    private sealed class EnvironmentVariable : IDisposable
    {
        private readonly string name;
        private readonly string? previous;

        public EnvironmentVariable(string name, string value)
        {
            this.name = name;
            previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
    }
}

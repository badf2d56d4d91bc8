using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

[TestClass]
public sealed class RunCommandTests
{
    private static readonly string IntegrationWorkflow = RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json");

    [TestMethod]
    public async Task TheIntegrationWorkflowRunsLocallyWithExitZeroAndARecordOfEveryInstance()
    {
        using var folder = new TemporaryFolder();
        var record = Path.Combine(folder.Root, "records", "run.json");

        var result = await InProcessCli.RunAsync("run", IntegrationWorkflow, "--local", "--plain", "--functions", RepositoryFiles.Path("functions"), "--record", record);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
        StringAssert.StartsWith(result.Output, "Workflow IntegrationTestWorkflow: InvocationID ");
        StringAssert.Contains(result.Output, "Profile local: storage local (a local S3 server");
        StringAssert.Contains(result.Output, "compute emulated (functions run on this machine");
        StringAssert.Contains(result.Output, "sync2: ");
        StringAssert.Contains(result.Output, "(local) finished in ");
        StringAssert.Contains(result.Output, ": 12 completed, 2 not_invoked");
        var written = await RunRecordFile.ReadAsync(record, CancellationToken.None);
        Assert.AreEqual("local", written.Profile);
        Assert.IsNotNull(written.FinishedAt, "The last record is the finished run's.");
        Assert.HasCount(14, written.Functions);
        Assert.AreEqual(FunctionStatus.NotInvoked, written.Functions.Single(f => f.Name == "test-dontrun-true").Status);
        Assert.IsTrue(written.Functions.Where(f => f.Name.StartsWith("test-rank(", StringComparison.Ordinal)).All(f => f.Status == FunctionStatus.Completed));
    }

    [TestMethod]
    [DataRow("5000000")]
    [DataRow("2147483647")]
    public async Task ATimeoutNoTimerCanWaitIsBadInputBeforeAnythingStarts(string seconds)
    {
        var result = await InProcessCli.RunAsync("run", IntegrationWorkflow, "--local", "--timeout", seconds);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, "the longest a timer can wait");
        Assert.DoesNotContain("   at ", result.Error, "no stack trace");
    }

    [TestMethod]
    public async Task LocalAndACloudProfileTogetherAreBadInput()
    {
        var result = await InProcessCli.RunAsync("run", IntegrationWorkflow, "--local", "--env", "cloud");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        StringAssert.Contains(result.Error, "--local and --env cloud contradict each other");
    }

    [TestMethod]
    public async Task AFailingFunctionGivesExitOneAndItsLastLogLines()
    {
        using var folder = new TemporaryFolder();
        var workflow = folder.Write("workflows/Failing.json", WorkflowJson("Failing", "S3"));
        folder.Write("functions/Failing/f.py", "def first():\n    raise ValueError('broken on purpose')\n");

        var result = await InProcessCli.RunAsync("run", workflow, "--plain");

        Assert.AreEqual(ExitCodes.WorkflowFailed, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Output, "first: ");
        StringAssert.Contains(result.Output, "failed");
        StringAssert.Contains(result.Error, "first: failed");
        StringAssert.Contains(result.Error, "ValueError: broken on purpose");
    }

    [TestMethod]
    public async Task ASecretValueInTheLogOfAFailedFunctionIsMaskedInTheReport()
    {
        using var folder = new TemporaryFolder();
        var secretName = "PROBE_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var secretValue = "tok-" + Guid.NewGuid().ToString("N");
        var workflowJson = JsonNode.Parse(WorkflowJson("Leaky", "S3"))!.AsObject();
        workflowJson["Secrets"] = new JsonArray(secretName);
        var workflow = folder.Write("workflows/Leaky.json", workflowJson.ToJsonString());
        folder.Write(
            "functions/Leaky/f.py",
            $"from FaaSr_py.client.py_client_stubs import faasr_secret\n\n\ndef first():\n    raise ValueError('the token is ' + faasr_secret('{secretName}'))\n");
        Environment.SetEnvironmentVariable(secretName, secretValue);
        try
        {
            var result = await InProcessCli.RunAsync("run", workflow, "--plain");

            Assert.AreEqual(ExitCodes.WorkflowFailed, result.ExitCode, result.Output + result.Error);
            StringAssert.Contains(result.Error, "ValueError: the token is ***", "The failure is reported, its secret masked.");
            Assert.DoesNotContain(secretValue, result.Output + result.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(secretName, null);
        }
    }

    [TestMethod]
    public async Task ARecordFileThatCannotBeWrittenIsBadInputBeforeAnythingRuns()
    {
        using var folder = new TemporaryFolder();
        var workflow = folder.Write("workflows/Recorded.json", WorkflowJson("Recorded", "S3"));
        folder.Write("functions/Recorded/f.py", "def first():\n    return True\n");
        var record = Directory.CreateDirectory(Path.Combine(folder.Root, "a-folder")).FullName;

        var result = await InProcessCli.RunAsync("run", workflow, "--plain", "--record", record);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Error, $"run: --record '{record}'");
        Assert.DoesNotContain("   at ", result.Error, "No stack trace for bad input.");
        Assert.DoesNotContain("InvocationID", result.Output, "Nothing was launched.");
    }

    [TestMethod]
    public async Task AnInvalidWorkflowGivesExitTwoWithItsProblems()
    {
        using var folder = new TemporaryFolder();
        var workflow = folder.Write("broken.json", "{ \"WorkflowName\": \"x\" }");

        var result = await InProcessCli.RunAsync("run", workflow, "--plain");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        StringAssert.Contains(result.Error, "broken.json");
    }

    [TestMethod]
    public async Task AnUnknownProfileGivesExitTwoNamingTheSetting()
    {
        var result = await InProcessCli.RunAsync("run", IntegrationWorkflow, "--env", "staging");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        StringAssert.Contains(result.Error, "Unknown profile 'staging'");
    }

    [TestMethod]
    public async Task TheCloudProfileWithoutCredentialsGivesExitTwoNamingTheVariable()
    {
        using var folder = new TemporaryFolder();
        var store = "Cloud" + Guid.NewGuid().ToString("N")[..8];
        var workflow = folder.Write("workflows/Cloud.json", WorkflowJson("Cloud", store));

        var result = await InProcessCli.RunAsync("run", workflow, "--env", "cloud", "--compute", "emulated", "--plain");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, $"{store}_AccessKey");
    }

    [TestMethod]
    public async Task AnUnknownComputeGivesExitTwoListingTheKnownOnes()
    {
        var result = await InProcessCli.RunAsync("run", IntegrationWorkflow, "--compute", "lambda", "--plain");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, "Unknown compute 'lambda'");
        StringAssert.Contains(result.Error, "emulated");
    }

    [TestMethod]
    public async Task AnEndpointWithoutCredentialsGivesExitTwoNamingTheVariable()
    {
        using var folder = new TemporaryFolder();
        var store = "NoCreds" + Guid.NewGuid().ToString("N")[..8];
        var workflow = folder.Write("workflows/NoCreds.json", WorkflowJson("NoCreds", store));

        var result = await InProcessCli.RunAsync("run", workflow, "--plain", "--s3-endpoint", "http://127.0.0.1:9");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Error);
        StringAssert.Contains(result.Error, $"{store}_AccessKey");
    }

    [TestMethod]
    public async Task AnUnreachableEndpointGivesExitThree()
    {
        using var folder = new TemporaryFolder();
        var store = "Unreachable" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable($"{store}_AccessKey", "key");
        Environment.SetEnvironmentVariable($"{store}_SecretKey", "secret");
        try
        {
            var workflow = folder.Write("workflows/Unreachable.json", WorkflowJson("Unreachable", store));

            var result = await InProcessCli.RunAsync("run", workflow, "--plain", "--s3-endpoint", "http://127.0.0.1:9");

            Assert.AreEqual(ExitCodes.EnvironmentProblem, result.ExitCode, result.Error);
            Assert.DoesNotContain("secret", result.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{store}_AccessKey", null);
            Environment.SetEnvironmentVariable($"{store}_SecretKey", null);
        }
    }

    [TestMethod]
    public async Task AnUnusableTemporaryFolderIsAnEnvironmentProblemWithoutAStackTrace()
    {
        using var folder = new TemporaryFolder();
        var missing = Path.Combine(folder.Root, "no-such-tmp");

        using var cli = CliProcess.Start(folder.Root, missing, "run", IntegrationWorkflow, "--local", "--plain", "--functions", RepositoryFiles.Path("functions"));
        var exitCode = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.AreEqual(ExitCodes.EnvironmentProblem, exitCode, cli.Output + cli.Error);
        StringAssert.StartsWith(cli.Error, "run: ");
        Assert.DoesNotContain("   at ", cli.Error, "No stack trace.");
    }

    private static string WorkflowJson(string name, string store) => PythonChainWorkflow.Create(name, ["first"], store).ToJsonString();

    private sealed class TemporaryFolder : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("faasr-it-run-cli-").FullName;

        public string Write(string relativePath, string text)
        {
            var path = Path.Combine(Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}

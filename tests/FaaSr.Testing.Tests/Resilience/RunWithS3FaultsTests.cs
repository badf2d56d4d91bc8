using FaaSr.Testing.Cli;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Profiles;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Storage.Faults;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary><c>faasr-it run --s3-faults RATE</c>: the run goes through the fault-injecting proxy, says what it did, and still ends right.</summary>
[TestClass]
public sealed class RunWithS3FaultsTests
{
    private static readonly string IntegrationWorkflow = RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json");

    [TestMethod]
    public async Task TheIntegrationWorkflowUnderTwentyPercentFaultsCompletesAndSaysWhatWasFaulted()
    {
        var record = Path.Combine(Path.GetTempPath(), $"faasr-it-faults-{Guid.NewGuid():N}.json");
        try
        {
            var result = await InProcessCli.RunAsync(
                "run", IntegrationWorkflow, "--local", "--plain", "--functions", RepositoryFiles.Path("functions"),
                "--s3-faults", "0.2", "--s3-faults-seed", "20261202", "--record", record, "--timeout", "120");

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Output + result.Error);
            StringAssert.Contains(result.Output, "through a fault-injecting proxy (20 % of requests faulted (seed 20261202))");
            StringAssert.Matches(result.Output, new System.Text.RegularExpressions.Regex(@"\d+ requests, \d+ faulted: \d+ SlowDown \(503\)"));
            StringAssert.Contains(result.Output, ": 12 completed, 2 not_invoked");
            var written = await RunRecordFile.ReadAsync(record, CancellationToken.None);
            Assert.IsTrue(written.Functions.All(f => f.Status is FunctionStatus.Completed or FunctionStatus.NotInvoked));
        }
        finally
        {
            File.Delete(record);
        }
    }

    [TestMethod]
    [DataRow("1.5")]
    [DataRow("-0.1")]
    [DataRow("NaN")]
    public async Task ARateOutsideZeroToNinetyPercentIsBadInputBeforeAnythingRuns(string rate)
    {
        var result = await InProcessCli.RunAsync("run", IntegrationWorkflow, "--local", "--plain", "--s3-faults", rate);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Output + result.Error);
        StringAssert.Contains(result.Error, "run: --s3-faults: the fault rate must be a fraction from 0 to 0.9");
        Assert.DoesNotContain("InvocationID", result.Output, "Nothing was launched.");
    }

    [TestMethod]
    public async Task FaultsNeedAPlainHttpEndpointAndSayWhichStoreIsNot()
    {
        var settings = new SettingSources(new Dictionary<string, string> { ["S3_AccessKey"] = "a", ["S3_SecretKey"] = "s" }, null, _ => null);
        var storage = new FaultInjectingStorage(new EndpointStorage(settings), new RandomFaults(0.2, 1));

        var refused = await Assert.ThrowsExactlyAsync<SettingsException>(
            () => storage.OpenAsync(WorkflowLoader.Load(IntegrationWorkflow).Document, CancellationToken.None));

        StringAssert.Contains(refused.Message, "--s3-faults stands a loopback proxy in front of a plain-HTTP S3 endpoint, but DataStore 'S3' is at https://");
    }
}

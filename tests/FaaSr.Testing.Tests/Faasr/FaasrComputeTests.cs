using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;
using FaaSr.Testing.Errors;
using FaaSr.Testing.Faasr.Running;
using FaaSr.Testing.Faasr;
using FaaSr.Testing.Files;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Sessions;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Faasr;

/// <summary>
/// The faasr compute's runner with the project's fake FaaSr (<see cref="FakeFaasr"/>): dispatch by dispatch through
/// the real GitHub stand-in, the environment each action gets (from the registered job, or the emulator's mapping),
/// one action at a time on the machine, the backend's /tmp leftovers removed, other hosts refused and reported.
/// </summary>
[TestClass]
public sealed class FaasrComputeTests(TestContext testContext)
{
    private static readonly Dictionary<string, string[]> Chain = new() { ["first"] = ["second", "third"], ["second"] = [], ["third"] = [] };

    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task WithoutWorkflowToolsTheComputeDispatchesTheEntryActionAndEveryDispatchRunsTheEntryInTurn()
    {
        using var fake = FakeFaasr.Create();
        var lines = new List<string>();
        var start = Start(fake, "NoToolsChain", Chain);
        await using var run = (FaasrRun)await Compute(fake, withTools: false, lines).StartAsync(start, Token);
        await run.Completion.WaitAsync(TimeSpan.FromMinutes(2), Token);

        var records = fake.ReadRecords();
        CollectionAssert.AreEqual(new[] { "first", "second", "third" }, records.Select(r => r["action"]!.GetValue<string>()).ToArray());
        Assert.IsTrue(run.Actions.All(a => a.Succeeded), string.Join("\n", run.Actions.Select(a => a.OutputTail)));
        foreach (var record in records)
        {
            var environment = record["environment"]!.AsObject();
            Assert.AreEqual("github", environment["FAASR_PLATFORM"]!.GetValue<string>(), "from the image's Dockerfile");
            Assert.AreEqual("from-the-image", environment["FAKE_IMAGE_VARIABLE"]!.GetValue<string>());
            Assert.AreEqual($"{fake.Backend}:/tmp/packages", environment["PYTHONPATH"]!.GetValue<string>(), "the backend in front of the image's PYTHONPATH");
            Assert.AreEqual("the-secret", environment["TEST_SECRET"]!.GetValue<string>());
            Assert.AreEqual(string.Empty, environment["UNSET_SECRET"]!.GetValue<string>(), "an unset secret arrives empty, as on GitHub");
            Assert.AreEqual("fake-access", environment["S3_AccessKey"]!.GetValue<string>());
            Assert.IsFalse(environment.ContainsKey("ONLY_IN_THE_SESSION"), "only what the job maps reaches an action");
            Assert.IsFalse(environment.ContainsKey("ALIAS_OF_TEST_SECRET"), "no registration, no alias");
            Assert.AreEqual("1", environment["PIP_NO_INDEX"]!.GetValue<string>(), "without --pip-find-links/--pip-index pip never reaches PyPI");
            Assert.AreEqual("fake backend", record["backend"]!.GetValue<string>());
            StringAssert.StartsWith(record["otherHost"]!.GetValue<string>(), "refused");
            var workflow = record["workflow"]!.AsObject();
            Assert.AreEqual(start.Folder.InvocationId, workflow["InvocationID"]!.GetValue<string>(), "the invocation is decided before the entry action runs");
            Assert.AreEqual(FakeRunStorage.Endpoint, workflow["DataStores"]!["S3"]!["Endpoint"]!.GetValue<string>(), "the DataStore at the run's storage");
        }

        Assert.IsTrue(run.Actions.All(a => a.RefusedHosts.SequenceEqual(["example.com:443"])), string.Join(", ", run.Actions.SelectMany(a => a.RefusedHosts)));
        Assert.AreEqual(3, lines.Count(l => l.Contains("tried to reach example.com:443", StringComparison.Ordinal)), string.Join("\n", lines));
        CollectionAssert.AreEqual(
            new[] { new RunRecordSource("FaaSr-Backend", fake.Backend), new RunRecordSource("FaaSr-Docker", fake.Entry) },
            run.Sources.ToArray(),
            "the run record's sources: folders outside git have no commit");
        AssertNoLeftovers(start);
    }

    [TestMethod]
    public async Task WithWorkflowToolsEachActionGetsTheEnvironmentItsRegisteredJobDeclares()
    {
        using var fake = FakeFaasr.Create();
        var start = Start(fake, "ToolsChain", Chain);
        var wheels = Directory.CreateDirectory(Path.Combine(fake.Root, "wheels")).FullName;
        var compute = new FaasrCompute(new FaasrComputeOptions { Sources = fake.SourceOptions(true), Pip = new PipSources(wheels, null) });
        await using var run = (FaasrRun)await compute.StartAsync(start, Token);
        await run.Completion.WaitAsync(TimeSpan.FromMinutes(2), Token);

        var records = fake.ReadRecords();
        Assert.HasCount(3, records);
        foreach (var record in records)
        {
            var environment = record["environment"]!.AsObject();
            Assert.AreEqual("the-secret", environment["ALIAS_OF_TEST_SECRET"]!.GetValue<string>(), "the job's env: maps secrets.TEST_SECRET");
            Assert.AreEqual("the-secret", environment["TEST_SECRET"]!.GetValue<string>());
            Assert.AreEqual("github", environment["FAASR_PLATFORM"]!.GetValue<string>());
            Assert.IsFalse(environment.ContainsKey("ONLY_IN_THE_SESSION"));
            Assert.AreEqual("fake-owner/fake-repo", environment["GITHUB_REPOSITORY"]!.GetValue<string>());
            Assert.AreEqual(wheels, environment["PIP_FIND_LINKS"]!.GetValue<string>(), "the emulator's --pip-find-links, as pip's own variable");
            Assert.AreEqual("1", environment["PIP_NO_INDEX"]!.GetValue<string>());
        }

        Assert.IsTrue(run.Requests.Any(r => r.Method == "PUT" && r.Path.EndsWith("/contents/.github/workflows/ToolsChain-second.yml", StringComparison.Ordinal)));
        AssertNoLeftovers(start);
    }

    [TestMethod]
    public async Task TwoRunsAtOnceRunTheirActionsOneAtATime()
    {
        using var fake = FakeFaasr.Create();
        var left = Start(fake, "LeftChain", Chain);
        var right = Start(fake, "RightChain", Chain);
        var runs = await Task.WhenAll(Compute(fake, withTools: false).StartAsync(left, Token), Compute(fake, withTools: false).StartAsync(right, Token));
        try
        {
            await Task.WhenAll(runs.Select(r => r.Completion)).WaitAsync(TimeSpan.FromMinutes(3), Token);
        }
        finally
        {
            foreach (var run in runs)
            {
                await run.DisposeAsync();
            }
        }

        var records = fake.ReadRecords();
        Assert.HasCount(6, records);
        Assert.IsTrue(runs.Cast<FaasrRun>().SelectMany(r => r.Actions).All(a => a.Succeeded), "each action had port 8000 to itself");
        for (var index = 1; index < records.Count; index++)
        {
            Assert.IsGreaterThanOrEqualTo(records[index - 1]["ended"]!.GetValue<double>(), records[index]["started"]!.GetValue<double>(), "actions never overlap");
        }

        AssertNoLeftovers(left);
        AssertNoLeftovers(right);
    }

    [TestMethod]
    public async Task AnActionsExitCodeIsReportedWithItsLastLines()
    {
        using var fake = FakeFaasr.Create();
        var lines = new List<string>();
        var start = Start(fake, "ExitChain", Chain, new Dictionary<string, int> { ["second"] = 3 });
        await using var run = (FaasrRun)await Compute(fake, withTools: false, lines).StartAsync(start, Token);
        await run.Completion.WaitAsync(TimeSpan.FromMinutes(2), Token);

        Assert.AreEqual(3, run.Actions.Single(a => a.Instance == "second").ExitCode);
        Assert.IsTrue(lines.Any(l => l.StartsWith("faasr: second exited 3 after", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public async Task APortTheBackendNeedsHeldByAnotherProgramFailsTheRunNamingIt()
    {
        using var fake = FakeFaasr.Create();
        var start = Start(fake, "PortChain", Chain);

        // Hold the machine-wide lock too, so no other faasr run of this machine meets the held port.
        using var machineTurn = await ExclusiveFileLock.AcquireAsync(FaasrComputeOptions.DefaultLockPath, TimeProvider.System, Token);
        using var holder = new TcpListener(IPAddress.Loopback, ActionRunner.BackendRpcPort);
        holder.Start();
        var compute = new FaasrCompute(new FaasrComputeOptions { Sources = fake.SourceOptions(false), LockPath = Path.Combine(fake.Root, "own.lock") });
        await using var run = await compute.StartAsync(start, Token);

        var failure = await Assert.ThrowsAsync<EnvironmentProblemException>(() => run.Completion.WaitAsync(TimeSpan.FromMinutes(1), Token));
        StringAssert.Contains(failure.Message, "Port 8000");
        Assert.IsEmpty(fake.ReadRecords(), "the action was not started");
    }

    [TestMethod]
    public async Task AModuleTheSourcesImportIsNamedBeforeAnythingRuns()
    {
        using var fake = FakeFaasr.Create();
        fake.Write("backend/FaaSr_py/__init__.py", "import faasr_it_no_such_module\nMARKER = 'x'\n");
        var compute = Compute(fake, withTools: false);

        var failure = await Assert.ThrowsAsync<EnvironmentProblemException>(() => compute.PrepareAsync(Token));
        StringAssert.Contains(failure.Message, "missing Python module 'faasr_it_no_such_module' (imported by FaaSr_py/__init__.py)");
        StringAssert.Contains(failure.Message, "apt-get install python3-faasr_it_no_such_module");
    }

    [TestMethod]
    public async Task AnActionOnAnotherFaaSTypeIsBadInputNamingIt()
    {
        using var fake = FakeFaasr.Create();
        var json = FakeFaasr.Workflow("LambdaChain", Chain);
        json["ComputeServers"]!["AWS"] = new JsonObject { ["FaaSType"] = "Lambda", ["Region"] = "us-east-1" };
        json["ActionList"]!["third"]!["FaaSServer"] = "AWS";
        var start = Start(fake, json);

        var failure = await Assert.ThrowsAsync<BadInputException>(() => Compute(fake, withTools: false).StartAsync(start, Token));
        StringAssert.Contains(failure.Message, "action 'third': its server 'AWS' is Lambda");
    }

    [TestMethod]
    public async Task AnRActionNeedsThePackagesTheBackendsREntryLoadsAndAMissingOneIsNamedBeforeAnythingRuns()
    {
        using var fake = FakeFaasr.Create();
        fake.Write("backend/FaaSr_py/client/r_user_func_entry.R", "library(\"jsonlite\")\nlibrary(faasritnosuchpkg)\n");
        var json = FakeFaasr.Workflow("RChain", Chain);
        json["ActionList"]!["second"]!["Type"] = "R";
        var start = Start(fake, json);

        var failure = await Assert.ThrowsAsync<EnvironmentProblemException>(() => Compute(fake, withTools: false).StartAsync(start, Token));

        StringAssert.Contains(failure.Message, "R action 'second' runs through FaaSr-Backend's R entry");
        StringAssert.Contains(failure.Message, ExecutablePath.Find("Rscript") is null
            ? "Rscript cannot be started"
            : "loads the R package 'faasritnosuchpkg' (FaaSr_py/client/r_user_func_entry.R): it is not installed; on Debian: apt-get install r-cran-faasritnosuchpkg");
        Assert.IsEmpty(fake.ReadRecords(), "nothing ran");
    }

    private static FaasrCompute Compute(FakeFaasr fake, bool withTools, List<string>? lines = null) => new(new FaasrComputeOptions
    {
        Sources = fake.SourceOptions(withTools),
        Report = lines is null ? null : line =>
        {
            lock (lines)
            {
                lines.Add(line);
            }
        },
    });

    private static ComputeStart Start(FakeFaasr fake, string name, IReadOnlyDictionary<string, string[]> next, IReadOnlyDictionary<string, int>? exits = null) =>
        Start(fake, FakeFaasr.Workflow(name, next, exits));

    private static ComputeStart Start(FakeFaasr fake, JsonObject json)
    {
        var file = Path.Combine(fake.Root, $"{json["WorkflowName"]}.json");
        File.WriteAllText(file, FakeFaasr.Json(json));
        var loaded = WorkflowLoader.Load(file);
        var identity = InvocationIdentity.Decide(loaded.Document, DateTimeOffset.UtcNow);
        var graph = WorkflowGraph.Build(identity.ApplyTo(loaded.Document));
        return new ComputeStart
        {
            Graph = graph,
            Folder = graph.FolderFor(identity.InvocationTimestamp, identity.InvocationId),
            Storage = new FakeRunStorage(),
            FunctionsRoot = fake.Functions,
            Failures = new Sessions.RecordedFailureReports(),
            FunctionEnvironment = new Dictionary<string, string>
            {
                ["S3_AccessKey"] = "fake-access",
                ["S3_SecretKey"] = "fake-secret",
                ["FAKE_RECORDS"] = fake.Records,
                ["TEST_SECRET"] = "the-secret",
                ["ONLY_IN_THE_SESSION"] = "not for actions",
            },
        };
    }

    private static void AssertNoLeftovers(ComputeStart start)
    {
        foreach (var path in new[] { $"/tmp/functions/{start.Folder.InvocationId}", "/tmp/packages", "/tmp/fake-repo.tar.gz", $"/tmp/{start.Folder.Prefix}", $"/tmp/FaaSrLog/{start.Folder.WorkflowName}" })
        {
            Assert.IsFalse(Directory.Exists(path) || File.Exists(path), $"{path} is left behind");
        }
    }
}

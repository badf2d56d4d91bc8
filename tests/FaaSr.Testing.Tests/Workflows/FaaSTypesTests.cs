using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Workflows;

/// <summary>The FaaS-type catalog: each entry's facts hold together, and every consumer reads them.</summary>
[TestClass]
public sealed class FaaSTypesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 10, 30, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Types => FaaSTypes.All.Select(type => new object[] { type.Name });

    [TestMethod]
    [DynamicData(nameof(Types))]
    public void TheMonitorReadsTheDispatchLineTheSchedulerWritesAsThatType(string name)
    {
        var type = FaaSTypes.Find(name)!;
        var parser = new SchedulerLineParser("IntegrationTestWorkflow", ["test-rank", "sync1"]);

        var line = type.DispatchLine(new DispatchFacts("IntegrationTestWorkflow", "test-rank", 4711, At));

        Assert.AreEqual(new DispatchLine("test-rank", name), parser.Parse(new LogEntry("[12.408] [INFO] [scheduler.py] " + line)), line);
        Assert.AreEqual(type.LogsPrefixedName, line.Contains("IntegrationTestWorkflow-test-rank", StringComparison.Ordinal), line);
    }

    [TestMethod]
    [DynamicData(nameof(Types))]
    public void ValidationRequiresEachRequiredFieldOfTheType(string name)
    {
        var type = FaaSTypes.Find(name)!;
        Assert.IsNotEmpty(type.RequiredFields);
        Assert.IsEmpty(WorkflowLoader.Check(WorkflowWithServer(type, omit: null), "W.json").Problems, "Every required field given: valid.");

        foreach (var field in type.RequiredFields)
        {
            var problems = WorkflowLoader.Check(WorkflowWithServer(type, omit: field), "W.json").Problems;

            var problem = problems.Single();
            Assert.AreEqual($"$.ComputeServers.X.{field}", problem.JsonPath);
            StringAssert.Contains(problem.Message, $"server 'X' of type {name} needs {field}");
        }
    }

    [TestMethod]
    public void AnUnknownTypeIsRefusedNamingEveryKnownOne()
    {
        var problem = WorkflowLoader.Check(WorkflowWithServer(FaaSTypes.Lambda with { Name = "Nomad" }, omit: null), "W.json").Problems
            .Single();

        StringAssert.Contains(problem.Message,
            "FaaSType 'Nomad' of server 'X' must be one of " + string.Join(", ", FaaSTypes.All.Select(t => t.Name)));
    }

    [TestMethod]
    public void WithFaaSrsDefaultServerNamesTheSecretStoreNamesAreTheTriggersNames()
    {
        (string Server, FaaSType Type)[] defaults =
        [
            ("GH", FaaSTypes.GitHubActions), ("AWS", FaaSTypes.Lambda), ("OW", FaaSTypes.OpenWhisk),
            ("GCP", FaaSTypes.GoogleCloud), ("SLURM", FaaSTypes.Slurm), ("K8s", FaaSTypes.Kubernetes),
        ];

        foreach (var (server, type) in defaults)
        {
            CollectionAssert.AreEqual(type.TriggerCredentialVariables.ToArray(), type.CredentialVariablesOf(server).ToArray(), type.Name);
        }

        CollectionAssert.AreEquivalent(FaaSTypes.All.ToArray(), defaults.Select(d => d.Type).ToArray(),
            "Every type has its default server name here.");
    }

    [TestMethod]
    public void NamesAreUniqueAndCaseSensitive()
    {
        Assert.HasCount(FaaSTypes.All.Count, FaaSTypes.All.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase));
        Assert.AreSame(FaaSTypes.Slurm, FaaSTypes.Find("SLURM"));
        Assert.IsNull(FaaSTypes.Find("slurm"));
    }

    /// <summary>
    /// The entry on a GitHub Actions server; a second action on server X of <paramref name="type"/>, with every
    /// required field but <paramref name="omit"/>.
    /// </summary>
    private static string WorkflowWithServer(FaaSType type, string? omit)
    {
        var fields = string.Concat(type.RequiredFields.Where(f => f != omit).Select(f => $", \"{f}\": \"value\""));
        return $$"""
            {
              "WorkflowName": "W",
              "FunctionInvoke": "f",
              "DefaultDataStore": "S3",
              "ComputeServers": {
                "GH": { "FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": true },
                "X": { "FaaSType": "{{type.Name}}"{{fields}} }
              },
              "DataStores": { "S3": { "Bucket": "conformance-bucket", "Region": "us-east-1" } },
              "ActionList": {
                "f": { "FaaSServer": "GH", "FunctionName": "f", "Type": "Python", "InvokeNext": ["g"] },
                "g": { "FaaSServer": "X", "FunctionName": "g", "Type": "Python" }
              }
            }
            """;
    }
}

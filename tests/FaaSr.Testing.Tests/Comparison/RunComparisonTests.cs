using System.Text;
using FaaSr.Testing.Comparison;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Storage;
using FaaSr.Testing.Tests.Support;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Comparison;

/// <summary>What --compare reports: per instance, the final status; per object, presence and (user data) content; ids and timestamps ignored.</summary>
[TestClass]
public sealed class RunComparisonTests(TestContext testContext)
{
    private static readonly WorkflowGraph Graph = WorkflowLoader.Load(RepositoryFiles.Path("workflows", "SecretWorkflow.json"));

    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task TwoRunsThatLeftTheSameObjectsUnderTheirOwnIdsAndTimesDoNotDiffer()
    {
        var left = await SnapshotAsync("emulated", "id-left", "2026-12-02T07-00-00", FunctionStatus.Completed, (store, folder) =>
        {
            Put(store, $"{folder.Prefix}/python-secret.txt", "[0.1] [INFO] one wording");
            Put(store, $"integration-tests/{folder.InvocationId}/secret_python.txt", $"written by {folder.InvocationId}");
        });
        var right = await SnapshotAsync("faasr", "id-right", "2026-12-02T08-30-00", FunctionStatus.Completed, (store, folder) =>
        {
            Put(store, $"{folder.Prefix}/python-secret.txt", "[0.9] [DEBUG] other words, other timing");
            Put(store, $"integration-tests/{folder.InvocationId}/secret_python.txt", $"written by {folder.InvocationId}");
            Put(store, $"FaaSrLog/.faasr-it/invocations/{folder.InvocationId}/marker", "faasr-it's own");
        });

        var comparison = RunComparison.Of(left, right);

        Assert.IsFalse(comparison.HasDifferences, string.Join("\n", comparison.Lines()));
        Assert.AreEqual("no difference", comparison.Lines().Last());
    }

    [TestMethod]
    public async Task AStatusContentOrObjectThatDiffersIsEachOneDifference()
    {
        var left = await SnapshotAsync("emulated", "id-left", "2026-12-02T07-00-00", FunctionStatus.Completed, (store, folder) =>
        {
            Put(store, $"{folder.Prefix}/function_completions/python-secret.done", "True");
            Put(store, $"integration-tests/{folder.InvocationId}/secret_python.txt", "local-test-secret");
        });
        var right = await SnapshotAsync("faasr", "id-right", "2026-12-02T08-30-00", FunctionStatus.Failed, (store, folder) =>
        {
            Put(store, $"integration-tests/{folder.InvocationId}/secret_python.txt", "something else");
        });

        var comparison = RunComparison.Of(left, right);
        var lines = comparison.Lines().ToList();

        Assert.HasCount(3, comparison.Differences, string.Join("\n", lines));
        Assert.AreEqual("3 differences", lines[^1]);
        CollectionAssert.Contains(lines, "  instance python-secret: completed on emulated; failed on faasr");
        CollectionAssert.Contains(lines, "  object S3:FaaSrLog/SecretWorkflow/{InvocationTimestamp}/{InvocationID}/function_completions/python-secret.done: present on emulated; absent on faasr");
        CollectionAssert.Contains(lines, "  object S3:integration-tests/{InvocationID}/secret_python.txt: on emulated \"local-test-secret\"; on faasr \"something else\"");
    }

    private async Task<RunSnapshot> SnapshotAsync(string compute, string id, string timestamp, FunctionStatus entryStatus, Action<InMemoryObjectStore, InvocationFolder> write)
    {
        var store = new InMemoryObjectStore("faasr-integration-tests");
        var folder = Graph.FolderFor(timestamp, id);
        write(store, folder);
        var result = new MonitorResult
        {
            WorkflowName = Graph.WorkflowName,
            Folder = folder,
            Outcome = MonitorOutcome.Succeeded,
            Message = "done",
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch,
            Functions = Graph.Instances.Select(i => new FunctionState
            {
                Instance = i,
                Status = i.Action == "python-secret" ? entryStatus : FunctionStatus.Failed,
                Reason = "test",
                LogKey = folder.LogKey(i),
            }).ToList(),
            Transitions = [],
            Cycles = 1,
        };
        return await RunSnapshot.CaptureAsync(compute, Graph.Document, folder, _ => store, result, Token);
    }

    private void Put(InMemoryObjectStore store, string key, string text) => store.PutAsync(key, Encoding.UTF8.GetBytes(text), Token).GetAwaiter().GetResult();
}

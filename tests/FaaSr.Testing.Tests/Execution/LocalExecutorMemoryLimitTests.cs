using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// An action's MaxMemory caps its function process (red-team finding F14): a function that allocates past it is stopped
/// and fails with an ERROR naming MaxMemory, as a cloud container killed for memory ends; one within it completes.
/// </summary>
[TestClass]
public sealed class LocalExecutorMemoryLimitTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow(true, DisplayName = "forked from the fork server")]
    [DataRow(false, DisplayName = "fresh interpreter")]
    public async Task AFunctionAllocatingPastMaxMemoryFailsNamingItAndOneWithinItCompletes(bool forkServer)
    {
        await using var harness = await ExecutorHarness.CreateAsync("max-memory", Cancellation);
        harness.AddFile("f.py", """
            def allocate(megabytes):
                block = bytearray(megabytes * 1024 * 1024)
                faasr_log(f"allocated {len(block) // (1024 * 1024)} MB")
                return True
            """);
        var graph = harness.Workflow("""
            "small": { "FaaSServer": "GH", "FunctionName": "allocate", "Type": "Python", "MaxMemory": 64,
                       "Arguments": { "megabytes": 16 }, "InvokeNext": ["big"] },
            "big": { "FaaSServer": "GH", "FunctionName": "allocate", "Type": "Python", "MaxMemory": 64, "Arguments": { "megabytes": 300 } }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { UsePythonForkServer = forkServer });

        Assert.AreEqual(InstanceState.Completed, result["small"].State, result["small"].Reason);
        StringAssert.Contains(await harness.LogAsync(run, "small", Cancellation), "allocated 16 MB");

        Assert.AreEqual(InstanceState.Failed, result["big"].State, result["big"].Reason);
        StringAssert.StartsWith(result["big"].Reason, "Function allocate exceeded MaxMemory of 64 MB and was stopped");
        StringAssert.Contains(result["big"].Reason, "MemoryError", "The function's own traceback is in the reason.");
        var log = await harness.LogAsync(run, "big", Cancellation);
        StringAssert.Contains(log, "[ERROR] [executor.py] Function allocate exceeded MaxMemory of 64 MB and was stopped");
        Assert.DoesNotContain("allocated 300 MB", log);
        Assert.DoesNotContain(run.Folder.DoneKey(graph.InstancesOf("big").Single()), await harness.KeysAsync(Cancellation), "A stopped function writes no .done.");
    }
}

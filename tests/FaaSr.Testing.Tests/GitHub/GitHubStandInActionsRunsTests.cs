using System.Net;
using FaaSr.Testing.GitHub.StandIn;
using Octokit;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// The stand-in's Actions runs, read with Octokit 14 as the github compute reads them: a run per dispatch, listed by
/// repository or workflow file with GitHub's filters, its job, the job's log behind a 302, cancel.
/// </summary>
[TestClass]
public sealed class GitHubStandInActionsRunsTests(TestContext testContext)
{
    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task EachDispatchIsAQueuedRunThatATestCompletesWithAJobLogServedBehindARedirect()
    {
        await using var standIn = await GitHubStandIn.StartAsync(
            new GitHubStandInOptions { Repositories = [new StandInRepositorySource("owner", "repo", null)],
                RequireRegisteredWorkflows = false },
            Token);
        var github = new GitHubClient(new Connection(new ProductHeaderValue("faasr-it-test"), standIn.ApiBaseUrl,
            new Octokit.Internal.InMemoryCredentialStore(new Credentials("t"))));
        await github.Actions.Workflows.CreateDispatch("owner", "repo", "Flow-a.yml", new CreateWorkflowDispatch("main"));
        await github.Actions.Workflows.CreateDispatch("owner", "repo", "Flow-b.yml", new CreateWorkflowDispatch("main"));
        var (first, second) = (standIn.Runs[0], standIn.Runs[1]);

        var all = await github.Actions.Workflows.Runs.List(
            "owner", "repo", new WorkflowRunsRequest { Event = "workflow_dispatch", Branch = "main" });
        var ofB = await github.Actions.Workflows.Runs.ListByWorkflow("owner", "repo", "Flow-b.yml",
            new WorkflowRunsRequest { Created = $">={first.CreatedAt.UtcDateTime.AddSeconds(-1):yyyy-MM-ddTHH:mm:ssZ}" });
        var none = await github.Actions.Workflows.Runs.ListByWorkflow(
            "owner", "repo", "Flow-b.yml", new WorkflowRunsRequest { Branch = "dev" });

        CollectionAssert.AreEqual(new[] { second.Id, first.Id }, all.WorkflowRuns.Select(r => r.Id).ToArray(), "newest first");
        Assert.AreEqual(second.Id, ofB.WorkflowRuns.Single().Id);
        Assert.AreEqual(WorkflowRunStatus.Queued, ofB.WorkflowRuns.Single().Status.Value);
        Assert.AreEqual(".github/workflows/Flow-b.yml", ofB.WorkflowRuns.Single().Path);
        Assert.AreEqual("main", ofB.WorkflowRuns.Single().HeadBranch);
        Assert.AreEqual(0, none.TotalCount);
        Assert.AreEqual(second.Id, standIn.RunOf(standIn.Dispatches[1]).Id);

        first.Start("2026-12-02T10:00:00.0000000Z Initializing containers\n");
        first.Complete("failure", "2026-12-02T10:00:01.0000000Z Error: pull access denied for ghcr.io/x/y\n");
        var run = await github.Actions.Workflows.Runs.Get("owner", "repo", first.Id);
        var job = (await github.Actions.Workflows.Jobs.List("owner", "repo", first.Id)).Jobs.Single();
        var log = await github.Actions.Workflows.Jobs.GetLogs("owner", "repo", job.Id);

        Assert.AreEqual(WorkflowRunStatus.Completed, run.Status.Value);
        Assert.AreEqual(WorkflowRunConclusion.Failure, run.Conclusion!.Value.Value);
        Assert.AreEqual($"https://github.com/owner/repo/actions/runs/{first.Id}", run.HtmlUrl);
        Assert.AreEqual(StandInWorkflowRun.JobName, job.Name);
        Assert.AreEqual(WorkflowJobConclusion.Failure, job.Conclusion!.Value.Value);
        Assert.AreEqual(first.Log, log);
        var redirect = standIn.Requests.Single(r => r.ApiPath == $"/repos/owner/repo/actions/jobs/{job.Id}/logs");
        Assert.AreEqual("GET", redirect.Method);
        Assert.IsTrue(standIn.Requests.Any(r => r.Path == $"{StandInActionsRunsPath}{job.Id}.txt"), "the 302 was followed to the log URL");

        await github.Actions.Workflows.Runs.Cancel("owner", "repo", second.Id);
        Assert.AreEqual(("completed", "cancelled"), (second.Status, second.Conclusion));
        var again = await Assert.ThrowsExactlyAsync<ApiException>(() => github.Actions.Workflows.Runs.Cancel("owner", "repo", second.Id));
        Assert.AreEqual(HttpStatusCode.Conflict, again.StatusCode);
        await Assert.ThrowsExactlyAsync<NotFoundException>(() => github.Actions.Workflows.Runs.Get("owner", "repo", 42));
    }

    private const string StandInActionsRunsPath = "/faasr-it-stand-in/job-logs/";
}

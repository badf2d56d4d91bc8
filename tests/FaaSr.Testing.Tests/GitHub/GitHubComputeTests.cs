using System.Text.Json.Nodes;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Monitoring;
using FaaSr.Testing.Sessions;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// The github compute on the cloud profile against the GitHub stand-in (GitHub cannot be reached from a test machine)
/// and the real local s3rver: the entry's dispatch with FaaSr's inputs, every run followed, a job that dies before
/// FaaSr logs failing its instance at once with the job log's tail, every instance's run page in the run record.
/// The error contract of its calls is in <see cref="GitHubComputeErrorTests"/>.
/// </summary>
[TestClass]
public sealed class GitHubComputeTests(TestContext testContext)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task AJobThatFailsBeforeAnyS3LogFailsItsInstanceWithinOnePollCycleWithTheTailOfTheJobLog()
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(
            (step, _) =>
            {
                step.Run.Complete("failure", string.Join("\n",
                    $"{StandInActionsRunner.Stamp()} ##[group]Initialize containers",
                    $"{StandInActionsRunner.Stamp()} GH_PAT={GitHubComputeScenario.Token}",
                    $"{StandInActionsRunner.Stamp()} Error response from daemon: pull access denied for ghcr.io/faasr/missing-image",
                    $"{StandInActionsRunner.Stamp()} ##[error]Docker pull failed with exit code 1") + "\n");
                return Task.CompletedTask;
            },
            Token);

        var (session, publisher) = await scenario.LaunchAsync(Token);
        await using (session)
        await using (publisher)
        {
            var result = await session.Monitoring.WaitAsync(Deadline, Token);
            await publisher.Completion.WaitAsync(Deadline, Token);

            var run = scenario.StandIn.Runs.Single();
            var start = result["start"];
            Assert.AreEqual(MonitorOutcome.Failed, result.Outcome, result.Message);
            Assert.AreEqual(FunctionStatus.Failed, start.Status, start.Reason);
            StringAssert.StartsWith(start.Reason,
                $"GitHub Actions job run_docker_image concluded failure ({run.HtmlUrl}/job/{run.JobId}); its log ends:\n");
            StringAssert.Contains(start.Reason,
                "Error response from daemon: pull access denied for ghcr.io/faasr/missing-image\n"
                + "##[error]Docker pull failed with exit code 1");
            Assert.DoesNotContain(GitHubComputeScenario.Token, start.Reason, "the token in the job log is masked");
            StringAssert.Contains(start.Reason, "GH_PAT=***");
            Assert.AreEqual(string.Empty, start.LogText, "no FaaSr log was ever written");

            // Within one poll cycle of the job's conclusion: the compute's next look, then the monitor's next cycle.
            var failedAt = result.Transitions.Single(t => t.Instance == "start" && t.To == FunctionStatus.Failed).At;
            var latency = failedAt - run.CompletedAt!.Value;
            Assert.IsLessThan(
                (GitHubComputeScenario.PollInterval * 2) + TimeSpan.FromSeconds(3), latency,
                $"failed {latency.TotalMilliseconds:0} ms after the job concluded; the inactivity timeout is 60 s");
            Assert.AreEqual(FunctionStatus.Skipped, result["work(1)"].Status);
            Assert.AreEqual(run.HtmlUrl, session.RunUrlOf("start"));
            Assert.AreEqual(run.HtmlUrl, session.RunUrl);

            var record = await RunRecordFile.ReadAsync(scenario.RecordPath, Token);
            Assert.AreEqual("cloud|workflow|github", $"{record.Profile}|{record.Storage}|{record.Compute}");
            Assert.AreEqual(run.HtmlUrl, record.Functions.Single(f => f.Name == "start").RunUrl);
            StringAssert.Contains(record.Functions.Single(f => f.Name == "start").Reason, "pull access denied");
        }

        var everything = string.Join("\n", scenario.Lines) + await File.ReadAllTextAsync(scenario.RecordPath, Token);
        Assert.DoesNotContain(GitHubComputeScenario.Token, everything);
    }

    [TestMethod]
    public async Task TheFunctionsObjectsReachTheRealS3StoreAndEveryInstanceHasItsRunPageInTheRunRecord()
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(GitHubComputeScenario.PlaySuccessAsync, Token);

        var (session, publisher) = await scenario.LaunchAsync(Token);
        await using (session)
        await using (publisher)
        {
            var result = await session.Monitoring.WaitAsync(Deadline, Token);
            await publisher.Completion.WaitAsync(Deadline, Token);

            Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
            var runs = scenario.StandIn.Runs;
            Assert.HasCount(3, runs, "start, then work once per rank");
            var record = await RunRecordFile.ReadAsync(scenario.RecordPath, Token);
            CollectionAssert.AreEqual(
                runs.Select(r => r.HtmlUrl).ToArray(),
                new[] { "start", "work(1)", "work(2)" }.Select(name => record.Functions.Single(f => f.Name == name).RunUrl).ToArray(),
                "each instance links its own run; ranks in the order their runs were created");
            Assert.AreEqual(runs[0].HtmlUrl, record.RunUrl);
            Assert.IsTrue(await scenario.Store.ExistsAsync($"{session.Folder.Prefix}/function_completions/work.2.done", Token),
                "the objects are in the real S3 store");

            // The entry's dispatch: FaaSr's inputs with the InvocationID decided in advance, asking for the run's id.
            var dispatch = scenario.StandIn.Requests.Single(
                r => r.Method == "POST"
                    && r.ApiPath == $"/repos/owner/repo/actions/workflows/{GitHubComputeScenario.WorkflowName}-start.yml/dispatches");
            var body = JsonNode.Parse(dispatch.BodyText)!.AsObject();
            CollectionAssert.AreEquivalent(new[] { "ref", "inputs", "return_run_details" }, body.Select(p => p.Key).ToArray());
            Assert.AreEqual("main", body["ref"]!.GetValue<string>());
            Assert.IsTrue(body["return_run_details"]!.GetValue<bool>());
            Assert.AreEqual(
                $"owner/repo/main/workflows/{GitHubComputeScenario.WorkflowName}.json", body["inputs"]!["PAYLOAD_URL"]!.GetValue<string>());
            var overwritten = JsonNode.Parse(body["inputs"]!["OVERWRITTEN"]!.GetValue<string>())!.AsObject();
            Assert.AreEqual("start", overwritten["FunctionInvoke"]!.GetValue<string>());
            Assert.AreEqual(session.InvocationId, overwritten["InvocationID"]!.GetValue<string>());
            Assert.AreEqual(session.Folder.InvocationTimestamp, overwritten["InvocationTimestamp"]!.GetValue<string>());

            // Every request of the compute: GitHub Enterprise's /api/v3 root, the token, the media type, the API version.
            var compute = scenario.StandIn.Requests.Where(
                r => r.Header("user-agent")?.StartsWith("faasr-it", StringComparison.Ordinal) == true).ToList();
            Assert.IsGreaterThan(3, compute.Count);
            foreach (var request in compute)
            {
                StringAssert.StartsWith(request.Path, "/api/v3/", request.ToString());
                Assert.AreEqual($"token {GitHubComputeScenario.Token}", request.Header("authorization"),
                    StringComparer.OrdinalIgnoreCase, request.ToString());
                StringAssert.Contains(request.Header("accept"), "application/vnd.github", request.ToString());
                Assert.AreEqual("2022-11-28", request.Header("x-github-api-version"), request.ToString());
            }

            Assert.AreEqual($"GET /repos/owner/repo/contents/workflows/{GitHubComputeScenario.WorkflowName}.json ref=main",
                Line(compute[0]) + " ref=" + compute[0].QueryValue("ref"));
            var listing = compute.First(r => r.ApiPath == "/repos/owner/repo/actions/runs");
            Assert.AreEqual(("workflow_dispatch", "main"), (listing.QueryValue("event"), listing.QueryValue("branch")));
            StringAssert.StartsWith(listing.QueryValue("created"), ">=");
            Assert.IsFalse(compute.Any(r => r.ApiPath.Contains("/jobs", StringComparison.Ordinal)),
                "no job log is read for runs that succeeded");
        }
    }

    [TestMethod]
    public async Task WithoutRunDetailsTheEntrysRunIsFoundByWorkflowFileBranchAndCreatedTime()
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(GitHubComputeScenario.PlaySuccessAsync, Token);

        // A GitHub that does not know return_run_details refuses it (and dispatches nothing): FaaSr's own body follows.
        scenario.StandIn.AddFault(
            new StandInFault("POST", "/dispatches$", 422, "Invalid request.\n\n\"return_run_details\" is not a permitted key.", Times: 1));
        var (session, publisher) = await scenario.LaunchAsync(Token);
        await using (session)
        await using (publisher)
        {
            var result = await session.Monitoring.WaitAsync(Deadline, Token);
            await publisher.Completion.WaitAsync(Deadline, Token);

            Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
            var dispatches = scenario.StandIn.Requests.Where(
                r => r.Method == "POST" && r.ApiPath.EndsWith("-start.yml/dispatches", StringComparison.Ordinal)).ToList();
            Assert.HasCount(2, dispatches);
            Assert.DoesNotContain("return_run_details", dispatches[1].BodyText);
            Assert.AreEqual(scenario.StandIn.Runs[0].HtmlUrl, session.RunUrlOf("start"));
            Assert.AreEqual(scenario.StandIn.Runs[2].HtmlUrl, session.RunUrlOf("work(2)"));
        }
    }

    [TestMethod]
    public async Task AJobThatEndsSomeSecondsAfterItsLastObjectIsLeftToCompleteNotCancelled()
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(
            async (step, cancellationToken) =>
            {
                if (step.Instance != "work(2)")
                {
                    await GitHubComputeScenario.PlaySuccessAsync(step, cancellationToken);
                    return;
                }

                // The last job's container exits, then the runner tears down: the job completes 1.5 s after FaaSr's
                // last object, when the session has ended.
                await step.Write.CompleteAsync(step.Instance, cancellationToken);
                _ = Task.Delay(1500, CancellationToken.None).ContinueWith(_ => step.Run.Complete("success"), TaskScheduler.Default);
            },
            Token);

        var (session, publisher) = await scenario.LaunchAsync(Token);
        await using (publisher)
        {
            await using (session)
            {
                var result = await session.Monitoring.WaitAsync(Deadline, Token);
                Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
                Assert.AreEqual("in_progress", scenario.StandIn.Runs[2].Status, "the session ended before the last job did");
            }
        }

        CollectionAssert.AreEqual(new[] { "success", "success", "success" },
            scenario.StandIn.Runs.Select(r => r.Conclusion).ToArray(), string.Join("\n", scenario.Lines));
        Assert.IsFalse(scenario.StandIn.Requests.Any(r => r.ApiPath.EndsWith("/cancel", StringComparison.Ordinal)),
            "nothing was cancelled");
    }

    private static string Line(RecordedRequest request) => $"{request.Method} {request.ApiPath}";
}

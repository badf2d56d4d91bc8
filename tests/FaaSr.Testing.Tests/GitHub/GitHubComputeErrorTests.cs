using FaaSr.Testing.Errors;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.GitHub.StandIn;
using FaaSr.Testing.Monitoring;

namespace FaaSr.Testing.Tests.GitHub;

/// <summary>
/// The github compute's answers to GitHub's errors, against the stand-in: 401, 403 with rate-limit headers (waited
/// for, said in one line, then on), 404 (the endpoint and what is missing), 409/422 (GitHub's message) and 5xx
/// (tried again; an outage while following is ridden out for a while, one that stays ends the run naming the
/// endpoint). No message holds the token.
/// </summary>
[TestClass]
public sealed class GitHubComputeErrorTests(TestContext testContext)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private CancellationToken Token => testContext.CancellationToken;

    [TestMethod]
    public async Task ATokenGitHubRefusesIs401NamingTheEndpointAndTheVariableNeverTheToken()
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(
            GitHubComputeScenario.PlaySuccessAsync, Token, acceptedTokens: ["another-token"]);

        var refused = await Assert.ThrowsExactlyAsync<GitHubRequestException>(() => scenario.LaunchAsync(Token));

        Assert.AreEqual(401, refused.Status);
        StringAssert.StartsWith(
            refused.Message,
            $"GET {scenario.StandIn.ApiBaseUrl}api/v3/repos/owner/repo/"
            + $"contents/workflows/{GitHubComputeScenario.WorkflowName}.json?ref=main: GitHub answered 401 Bad credentials.");
        StringAssert.Contains(refused.Message, "the token in GH_PAT");
        Assert.DoesNotContain(GitHubComputeScenario.Token, refused.ToString());
        Assert.IsEmpty(scenario.StandIn.Dispatches, "nothing was dispatched");
    }

    [TestMethod]
    public async Task RateLimitsAreWaitedForUntilTheyLiftSaidInOneLineAndTheRunGoesOn()
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(GitHubComputeScenario.PlaySuccessAsync, Token);
        var reset = DateTimeOffset.UtcNow.AddSeconds(2);
        scenario.StandIn.AddFault(StandInFault.RateLimited("GET", "/actions/runs$", reset, times: 1));
        scenario.StandIn.AddFault(new StandInFault(
            "POST", "/dispatches$", 403, "You have exceeded a secondary rate limit.",
            new Dictionary<string, string> { ["retry-after"] = "1" }, Times: 1));

        var (session, publisher) = await scenario.LaunchAsync(Token);
        await using (session)
        await using (publisher)
        {
            var result = await session.Monitoring.WaitAsync(Deadline, Token);

            Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
            Assert.IsGreaterThanOrEqualTo(reset.AddSeconds(-1), scenario.StandIn.Dispatches[0].At,
                "the run waited for the reset before dispatching");
            Assert.HasCount(1, scenario.StandIn.Dispatches.Where(d => d.WorkflowFile.EndsWith("-start.yml", StringComparison.Ordinal)),
                "the retried dispatch was sent once");
            var waits = scenario.Lines.Where(l => l.Contains("rate limit", StringComparison.Ordinal)).ToList();
            Assert.HasCount(2, waits, string.Join("\n", scenario.Lines));
            StringAssert.StartsWith(waits[0],
                $"GitHub: GET {scenario.StandIn.ApiBaseUrl}api/v3/repos/owner/repo/"
                + $"actions/runs?event=workflow_dispatch&branch=main&created=>=");
            StringAssert.Contains(waits[0], "rate limit (403 API rate limit exceeded");
            StringAssert.Contains(waits[0], "then trying again.");
            StringAssert.Contains(waits[1],
                "/actions/workflows/GhFlow-start.yml/dispatches: rate limit (403 You have exceeded a secondary rate limit.); waiting 1 s");
        }
    }

    [TestMethod]
    [DataRow(false, true, DisplayName = "the entry's Actions workflow is not registered")]
    [DataRow(true, false, DisplayName = "the workflow file is not pushed")]
    public async Task WhatIsNotInTheRepositoryIs404NamingTheEndpointAndWhatToDo(bool registered, bool pushed)
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(
            GitHubComputeScenario.PlaySuccessAsync, Token, registered: registered, pushed: pushed);

        var missing = await Assert.ThrowsAsync<BadInputException>(() => scenario.LaunchAsync(Token));

        var root = $"{scenario.StandIn.ApiBaseUrl}api/v3/repos/owner/repo";
        if (!registered)
        {
            Assert.AreEqual(404, ((GitHubRequestException)missing).Status);
            StringAssert.StartsWith(missing.Message,
                $"POST {root}/actions/workflows/GhFlow-start.yml/dispatches: GitHub answered 404 Not Found.");
            StringAssert.Contains(missing.Message,
                "The Actions workflow .github/workflows/GhFlow-start.yml of the entry action 'start' is not in owner/repo");
            StringAssert.Contains(missing.Message, "faasr-it register");
        }
        else
        {
            StringAssert.StartsWith(missing.Message,
                "Workflow 'GhFlow': the workflow file workflows/GhFlow.json is not on branch main of owner/repo");
            StringAssert.Contains(missing.Message, $"GET {root}/contents/workflows/GhFlow.json?ref=main: GitHub answered 404 ");
        }

        Assert.DoesNotContain(GitHubComputeScenario.Token, missing.ToString());
    }

    [TestMethod]
    [DataRow(409, "Workflow does not have 'workflow_dispatch' trigger")]
    [DataRow(422, "No ref found for: main")]
    public async Task ADispatchGitHubRefusesIsBadInputWithGitHubsMessage(int status, string message)
    {
        await using var scenario = await GitHubComputeScenario.StartAsync(GitHubComputeScenario.PlaySuccessAsync, Token);
        scenario.StandIn.AddFault(new StandInFault("POST", "/dispatches$", status, message));

        var refused = await Assert.ThrowsExactlyAsync<GitHubRequestException>(() => scenario.LaunchAsync(Token));

        Assert.AreEqual(status, refused.Status);
        StringAssert.StartsWith(
            refused.Message, $"POST {scenario.StandIn.ApiBaseUrl}api/v3/repos/owner/repo/"
            + $"actions/workflows/GhFlow-start.yml/dispatches: GitHub answered {status} {message}.");
        StringAssert.Contains(refused.Message, "GitHub refused the request's data.");
        Assert.IsEmpty(scenario.StandIn.Dispatches);
    }

    [TestMethod]
    public async Task AnOutageWhileFollowingThatEndsWithinTheToleranceIsRiddenOutInOneLine()
    {
        var failed = 0;
        GitHubStandIn? standIn = null;
        await using var scenario = await GitHubComputeScenario.StartAsync(
            async (step, cancellationToken) =>
            {
                // One whole look fails (3 attempts), while the entry runs; the next poll finds GitHub back.
                if (Interlocked.Exchange(ref failed, 1) == 0)
                {
                    standIn!.AddFault(new StandInFault("GET", "/actions/runs$", 502, "Server Error", Times: 3));
                }

                await GitHubComputeScenario.PlaySuccessAsync(step, cancellationToken);
            },
            Token);
        standIn = scenario.StandIn;

        var (session, publisher) = await scenario.LaunchAsync(Token);
        await using (session)
        await using (publisher)
        {
            var result = await session.Monitoring.WaitAsync(Deadline, Token);

            Assert.AreEqual(MonitorOutcome.Succeeded, result.Outcome, result.Message);
            var paused = scenario.Lines.Where(l => l.StartsWith("github: following paused: ", StringComparison.Ordinal)).ToList();
            Assert.HasCount(1, paused, string.Join("\n", scenario.Lines));
            StringAssert.Contains(paused[0], "/actions/runs?");
            StringAssert.Contains(paused[0], "GitHub answered 502 Server Error (after 3 attempts).");
            StringAssert.EndsWith(paused[0], "Looking again at the next poll.");
        }
    }

    [TestMethod]
    public async Task AServerErrorIsTriedAgainAndOneThatStaysEndsTheRunNamingTheEndpointAndCancelsWhatRuns()
    {
        GitHubStandIn? standIn = null;
        await using var scenario = await GitHubComputeScenario.StartAsync(
            (step, _) =>
            {
                // The entry's job runs on while GitHub starts failing every look at the runs.
                standIn!.AddFault(new StandInFault("GET", "/actions/runs$", 503, "Service Unavailable"));
                return Task.CompletedTask;
            },
            Token);
        standIn = scenario.StandIn;
        scenario.StandIn.AddFault(new StandInFault("GET", "/actions/runs$", 502, "Server Error", Times: 2));

        var (session, publisher) = await scenario.LaunchAsync(Token);
        await using (publisher)
        {
            await using (session)
            {
                var broke = await Assert.ThrowsAsync<InvalidOperationException>(() => session.Monitoring.WaitAsync(Deadline, Token));

                StringAssert.StartsWith(broke.Message,
                    $"The github compute stopped running GhFlow ({session.InvocationId}): "
                    + $"GET {scenario.StandIn.ApiBaseUrl}api/v3/repos/owner/repo/actions/runs?");
                StringAssert.Contains(broke.Message, "GitHub answered 503 Service Unavailable (after 3 attempts).");
                Assert.IsInstanceOfType<GitHubServiceException>(broke.InnerException);
                var retries = scenario.Lines.Where(
                    l => l.Contains("answered 502 Server Error; trying again in", StringComparison.Ordinal)).ToList();
                Assert.HasCount(2, retries, string.Join("\n", scenario.Lines));
            }

            Assert.AreEqual(("completed", "cancelled"), (scenario.StandIn.Runs[0].Status, scenario.StandIn.Runs[0].Conclusion),
                "the run still going was cancelled");
            Assert.IsTrue(scenario.Lines.Any(
                l => l.StartsWith($"github: cancelled run {scenario.StandIn.Runs[0].HtmlUrl} (start)", StringComparison.Ordinal)),
                string.Join("\n", scenario.Lines));
        }
    }
}

using System.Globalization;
using FaaSr.Testing.GitHub.Api;
using FaaSr.Testing.Sessions;
using Octokit;

namespace FaaSr.Testing.GitHub.Compute;

/// <summary>
/// One invocation on GitHub Actions, followed run by run. Each poll lists the workflow_dispatch runs of every
/// followed repository and branch created since the invocation started (one request per repository, however many
/// actions: GitHub's rate limit is per token), minus those that existed before the entry's dispatch. A run belongs to
/// the action whose registered workflow file it ran; the entry's run is known by id when GitHub returned it, and a
/// ranked action's runs are given to its instances in the order they were created (a run does not say its rank). A
/// run that concluded failure, cancelled, timed_out or startup_failure is reported to the monitor at once with the
/// tail of its job's log (the monitor keeps what S3 shows, when it shows the instance settled). Disposing stops
/// following, gives the runs not seen completed <see cref="GitHubComputeOptions.EndGrace"/> to complete, and cancels
/// the rest.
/// </summary>
internal sealed class GitHubComputeRun : IComputeRun
{
    /// <summary>How far back, by GitHub's clock, runs are listed: this machine's clock may be behind GitHub's.</summary>
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(2);

    private readonly ComputeStart start;
    private readonly IReadOnlyList<FollowedRepository> repositories;
    private readonly GitHubComputeOptions options;
    private readonly Lock gate = new();
    private readonly Dictionary<long, FollowedRun> runs = [];
    private readonly HashSet<long> earlier = [];
    private readonly CancellationTokenSource stop = new();
    private readonly DateTimeOffset since;
    private long? entryRunId;
    private Task following = Task.CompletedTask;
    private int disposed;

    public GitHubComputeRun(ComputeStart start, IReadOnlyList<FollowedRepository> repositories, GitHubComputeOptions options)
    {
        this.start = start;
        this.repositories = repositories;
        this.options = options;
        since = options.Clock.GetUtcNow() - ClockSkewAllowance;
    }

    public Task Completion => following;

    /// <summary>The entry's run: where the invocation starts.</summary>
    public string? RunUrl
    {
        get
        {
            lock (gate)
            {
                return entryRunId is { } id && runs.TryGetValue(id, out var run) ? run.HtmlUrl : null;
            }
        }
    }

    /// <summary>The instance's latest run (a fan-in action has one per predecessor that dispatched it).</summary>
    public string? RunUrlOf(string instanceName)
    {
        lock (gate)
        {
            return runs.Values.Where(r => r.Instance == instanceName).OrderByDescending(r => r.Id).FirstOrDefault()?.HtmlUrl;
        }
    }

    /// <summary>Every run followed so far, oldest first.</summary>
    public IReadOnlyList<FollowedRun> Runs
    {
        get
        {
            lock (gate)
            {
                return runs.Values.OrderBy(r => r.Id).ToList();
            }
        }
    }

    /// <summary>The runs that exist before the entry's dispatch: never this invocation's.</summary>
    public async Task NoteEarlierRunsAsync(CancellationToken cancellationToken)
    {
        foreach (var repository in repositories)
        {
            foreach (var run in await ListAsync(repository, cancellationToken))
            {
                earlier.Add(run.Id);
            }
        }
    }

    /// <summary>Starts following, the entry's run being <paramref name="entryRun"/> when GitHub returned it.</summary>
    public void Follow(long? entryRun)
    {
        entryRunId = entryRun;
        following = FollowAsync(stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stop.CancelAsync();
        try
        {
            await following;
        }
        catch (Exception)
        {
            // Stopped on purpose, or the fault was reported through Completion already.
        }

        await LetUnfinishedCompleteAsync();
        await CancelUnfinishedAsync();
        stop.Dispose();
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        DateTimeOffset? failingSince = null;
        while (true)
        {
            var cycleStart = options.Clock.GetUtcNow();
            try
            {
                foreach (var repository in repositories)
                {
                    await LookAsync(repository, cancellationToken);
                }

                failingSince = null;
            }
            catch (GitHubServiceException outage) when (outage.RateLimitResetsAt is null
                && cycleStart - (failingSince ??= cycleStart) < options.OutageTolerance)
            {
                options.Report?.Invoke($"github: following paused: {outage.Message} Looking again at the next poll.");
            }

            var wait = cycleStart + options.PollInterval - options.Clock.GetUtcNow();
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, options.Clock, cancellationToken);
        }
    }

    private async Task LookAsync(FollowedRepository repository, CancellationToken cancellationToken)
    {
        foreach (var listed in (await ListAsync(repository, cancellationToken)).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id))
        {
            if (earlier.Contains(listed.Id) || repository.ActionOf(listed.Path) is not { } action)
            {
                continue;
            }

            FollowedRun run;
            lock (gate)
            {
                run = runs.TryGetValue(listed.Id, out var known)
                    ? known with { Status = listed.Status.StringValue, Conclusion = listed.Conclusion?.StringValue }
                    : new FollowedRun(
                        listed.Id, repository, action, InstanceFor(action, listed.Id), listed.HtmlUrl, listed.Status.StringValue,
                        listed.Conclusion?.StringValue);
                runs[run.Id] = run;
            }

            if (run is { Failed: true, FailureReported: false, Instance: { } instance })
            {
                start.Failures.ReportFailure(instance, await FailureReasonAsync(run, cancellationToken));
                lock (gate)
                {
                    runs[run.Id] = run with { FailureReported = true };
                }
            }
        }
    }

    /// <summary>The instance a new run of <paramref name="action"/> is for. Called under the lock.</summary>
    private string? InstanceFor(string action, long runId)
    {
        var instances = start.Graph.InstancesOf(action);
        if (instances.Count == 1)
        {
            return instances[0].Name;
        }

        var taken = runs.Values.Count(r => r.Action == action && r.Instance is not null);
        return taken < instances.Count ? instances[taken].Name : null;
    }

    private Task<IReadOnlyList<WorkflowRun>> ListAsync(FollowedRepository repository, CancellationToken cancellationToken)
    {
        var created = ">=" + since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var request = new WorkflowRunsRequest { Event = "workflow_dispatch", Branch = repository.Branch, Created = created };
        return repository.Connection.RunAsync<IReadOnlyList<WorkflowRun>>(
            GitHubEndpoint.Get(
                $"/repos/{repository.Name}/actions/runs?event=workflow_dispatch&branch={repository.Branch}&created={created}"),
            async client => (await client.Actions.Workflows.Runs.List(
                repository.Name.Owner, repository.Name.Name, request, new ApiOptions { PageSize = 100 })).WorkflowRuns,
            cancellationToken);
    }

    /// <summary>"GitHub Actions job run_docker_image concluded failure (URL); its log ends:" and the log's last lines.</summary>
    private async Task<string> FailureReasonAsync(FollowedRun run, CancellationToken cancellationToken)
    {
        var (connection, owner, name) = (run.Repository.Connection, run.Repository.Name.Owner, run.Repository.Name.Name);
        var jobs = await connection.RunAsync(
            GitHubEndpoint.Get($"/repos/{run.Repository.Name}/actions/runs/{run.Id}/jobs"),
            client => client.Actions.Workflows.Jobs.List(owner, name, run.Id),
            cancellationToken);
        var job = jobs.Jobs.FirstOrDefault(j => j.Conclusion?.StringValue is { } c && FollowedRun.FailedConclusions.Contains(c))
            ?? jobs.Jobs.FirstOrDefault();
        if (job is null)
        {
            return $"GitHub Actions run {run.HtmlUrl} concluded {run.Conclusion} without starting a job";
        }

        string tail;
        try
        {
            var log = await connection.RunAsync(
                GitHubEndpoint.Get($"/repos/{run.Repository.Name}/actions/jobs/{job.Id}/logs"),
                client => client.Actions.Workflows.Jobs.GetLogs(owner, name, job.Id),
                cancellationToken);
            tail = JobLogTail.Of(log, options.JobLogTailLines).Replace(connection.Settings.Token, "***", StringComparison.Ordinal);
        }
        catch (Exception unreadable) when (unreadable is GitHubRequestException or GitHubServiceException)
        {
            tail = $"(its log could not be read: {unreadable.Message})";
        }

        var conclusion = job.Conclusion?.StringValue ?? run.Conclusion;
        return $"GitHub Actions job {job.Name} concluded {conclusion} ({job.HtmlUrl ?? run.HtmlUrl}); its log ends:\n{tail}";
    }

    /// <summary>
    /// The session ended once FaaSr's objects were in S3, but a job ends some seconds after its last write: look
    /// again until every run followed completed or the grace is over, so that only runs really still going are
    /// cancelled. A failing look ends the grace (the runs left are then cancelled).
    /// </summary>
    private async Task LetUnfinishedCompleteAsync()
    {
        var deadline = options.Clock.GetUtcNow() + options.EndGrace;
        using var budget = new CancellationTokenSource(options.EndGrace + TimeSpan.FromSeconds(30));
        try
        {
            while (Runs.Any(r => !r.Completed) && options.Clock.GetUtcNow() < deadline)
            {
                await Task.Delay(options.PollInterval, options.Clock, budget.Token);
                foreach (var repository in repositories)
                {
                    await LookAsync(repository, budget.Token);
                }
            }
        }
        catch (Exception failure) when (failure is GitHubRequestException or GitHubServiceException or OperationCanceledException)
        {
            options.Report?.Invoke($"github: the runs still going could not be looked at again: {failure.Message}");
        }
    }

    /// <summary>As far as it can: a run not seen completed is cancelled; one that completed meanwhile (409) is left.</summary>
    private async Task CancelUnfinishedAsync()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var run in Runs.Where(r => !r.Completed))
        {
            try
            {
                await run.Repository.Connection.RunAsync(
                    GitHubEndpoint.Post($"/repos/{run.Repository.Name}/actions/runs/{run.Id}/cancel"),
                    client => client.Actions.Workflows.Runs.Cancel(run.Repository.Name.Owner, run.Repository.Name.Name, run.Id),
                    budget.Token);
                options.Report?.Invoke(
                    $"github: cancelled run {run.HtmlUrl} ({run.Instance ?? run.Action}), still {run.Status} when the run ended.");
            }
            catch (GitHubRequestException completed) when (completed.Status == 409)
            {
                // It completed after the last look.
            }
            catch (Exception failure) when (failure is GitHubRequestException or GitHubServiceException or OperationCanceledException)
            {
                options.Report?.Invoke(
                    $"github: run {run.HtmlUrl} ({run.Instance ?? run.Action}) could not be cancelled: {failure.Message}");
            }
        }
    }
}

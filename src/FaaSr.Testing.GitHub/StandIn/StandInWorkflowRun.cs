using System.Globalization;
using System.Text.Json.Nodes;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// A GitHub Actions run the stand-in made for an accepted workflow_dispatch, with its one job (FaaSr's registered
/// workflows have one, <c>run_docker_image</c>). It starts queued; a test plays it on with <see cref="Start"/> and
/// <see cref="Complete"/> (success, failure, cancelled, timed_out, with the job's log), as GitHub's runner would. The
/// stand-in runs nothing itself. Thread-safe.
/// </summary>
public sealed class StandInWorkflowRun
{
    public const string JobName = "run_docker_image";

    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private string status = "queued";
    private string? conclusion;
    private string log = string.Empty;
    private DateTimeOffset updatedAt;
    private DateTimeOffset? startedAt;
    private DateTimeOffset? completedAt;

    internal StandInWorkflowRun(WorkflowDispatch dispatch, int runNumber, TimeProvider clock)
    {
        Dispatch = dispatch;
        RunNumber = runNumber;
        this.clock = clock;
        updatedAt = dispatch.At;
    }

    public WorkflowDispatch Dispatch { get; }

    public long Id => Dispatch.RunId;

    /// <summary>The run's one job; its id is derived from the run's.</summary>
    public long JobId => (Id * 10) + 1;

    public int RunNumber { get; }

    public DateTimeOffset CreatedAt => Dispatch.At;

    /// <summary>queued, in_progress or completed.</summary>
    public string Status
    {
        get
        {
            lock (gate)
            {
                return status;
            }
        }
    }

    /// <summary>null until completed; then success, failure, cancelled, timed_out ...</summary>
    public string? Conclusion
    {
        get
        {
            lock (gate)
            {
                return conclusion;
            }
        }
    }

    /// <summary>When <see cref="Complete"/> was called; null before.</summary>
    public DateTimeOffset? CompletedAt
    {
        get
        {
            lock (gate)
            {
                return completedAt;
            }
        }
    }

    /// <summary>The job's log as served so far.</summary>
    public string Log
    {
        get
        {
            lock (gate)
            {
                return log;
            }
        }
    }

    public string HtmlUrl => $"https://github.com/{Dispatch.Owner}/{Dispatch.Repository}/actions/runs/{Id}";

    /// <summary>The run's job starts: in_progress, with <paramref name="logLines"/> as the start of its log.</summary>
    public void Start(string logLines = "")
    {
        lock (gate)
        {
            if (status == "completed")
            {
                throw new InvalidOperationException($"Stand-in run {Id} is already completed.");
            }

            status = "in_progress";
            startedAt ??= clock.GetUtcNow();
            updatedAt = clock.GetUtcNow();
            log += logLines;
        }
    }

    /// <summary>The run ends with <paramref name="runConclusion"/>; <paramref name="logLines"/> are appended to the job's log.</summary>
    public void Complete(string runConclusion, string logLines = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runConclusion);
        lock (gate)
        {
            if (status == "completed")
            {
                throw new InvalidOperationException($"Stand-in run {Id} is already completed ({conclusion}).");
            }

            startedAt ??= clock.GetUtcNow();
            completedAt = clock.GetUtcNow();
            updatedAt = completedAt.Value;
            status = "completed";
            conclusion = runConclusion;
            log += logLines;
        }
    }

    /// <summary>As <c>POST /actions/runs/{id}/cancel</c>: a run not completed becomes cancelled; false when it was completed.</summary>
    internal bool Cancel()
    {
        lock (gate)
        {
            if (status == "completed")
            {
                return false;
            }

            completedAt = clock.GetUtcNow();
            updatedAt = completedAt.Value;
            status = "completed";
            conclusion = "cancelled";
            log += "##[error]The operation was canceled.\n";
            return true;
        }
    }

    internal JsonObject RunJson(string apiRoot)
    {
        lock (gate)
        {
            var repository = $"{Dispatch.Owner}/{Dispatch.Repository}";
            var url = $"{apiRoot}/repos/{repository}/actions/runs/{Id}";
            var name = Path.GetFileNameWithoutExtension(Dispatch.WorkflowFile);
            return new JsonObject
            {
                ["id"] = Id,
                ["name"] = name,
                ["node_id"] = $"WFR_{Id}",
                ["check_suite_id"] = Id + 7,
                ["head_branch"] = Dispatch.Ref,
                ["head_sha"] = GitObjectId.Of("run " + Id),
                ["path"] = $".github/workflows/{Dispatch.WorkflowFile}",
                ["display_title"] = name,
                ["run_number"] = RunNumber,
                ["event"] = "workflow_dispatch",
                ["status"] = status,
                ["conclusion"] = conclusion,
                ["workflow_id"] = WorkflowId(Dispatch),
                ["url"] = url,
                ["html_url"] = HtmlUrl,
                ["pull_requests"] = new JsonArray(),
                ["created_at"] = Timestamp(CreatedAt),
                ["updated_at"] = Timestamp(updatedAt),
                ["run_attempt"] = 1,
                ["run_started_at"] = Timestamp(startedAt ?? CreatedAt),
                ["jobs_url"] = url + "/jobs",
                ["logs_url"] = url + "/logs",
                ["cancel_url"] = url + "/cancel",
                ["rerun_url"] = url + "/rerun",
                ["workflow_url"] = $"{apiRoot}/repos/{repository}/actions/workflows/{WorkflowId(Dispatch)}",
            };
        }
    }

    internal JsonObject JobJson(string apiRoot)
    {
        lock (gate)
        {
            var repository = $"{Dispatch.Owner}/{Dispatch.Repository}";
            return new JsonObject
            {
                ["id"] = JobId,
                ["run_id"] = Id,
                ["run_url"] = $"{apiRoot}/repos/{repository}/actions/runs/{Id}",
                ["node_id"] = $"CR_{JobId}",
                ["head_sha"] = GitObjectId.Of("run " + Id),
                ["url"] = $"{apiRoot}/repos/{repository}/actions/jobs/{JobId}",
                ["html_url"] = $"{HtmlUrl}/job/{JobId}",
                ["status"] = status,
                ["conclusion"] = conclusion,
                ["created_at"] = Timestamp(CreatedAt),
                ["started_at"] = Timestamp(startedAt ?? CreatedAt),
                ["completed_at"] = completedAt is { } done ? Timestamp(done) : null,
                ["name"] = JobName,
                ["steps"] = new JsonArray(),
                ["check_run_url"] = $"{apiRoot}/repos/{repository}/check-runs/{JobId}",
                ["labels"] = new JsonArray("ubuntu-latest"),
                ["runner_id"] = 1,
                ["runner_name"] = "GitHub Actions 1 (stand-in)",
                ["runner_group_id"] = 1,
                ["runner_group_name"] = "GitHub Actions",
                ["run_attempt"] = 1,
                ["workflow_name"] = Path.GetFileNameWithoutExtension(Dispatch.WorkflowFile),
                ["head_branch"] = Dispatch.Ref,
            };
        }
    }

    internal static long WorkflowId(WorkflowDispatch dispatch) =>
        Math.Abs(BitConverter.ToInt32(System.Security.Cryptography.SHA1.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{dispatch.Owner}/{dispatch.Repository}" + dispatch.WorkflowFile)), 0));

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

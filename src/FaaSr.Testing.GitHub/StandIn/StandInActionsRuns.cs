using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FaaSr.Testing.GitHub.StandIn;

/// <summary>
/// The Actions runs of the stand-in: one per accepted workflow_dispatch, and the routes that read them as GitHub
/// does (list a repository's runs or one workflow's, newest first, filtered by branch, event, status and created
/// time; get a run; cancel it; list its jobs; a job's log as a 302 to a log URL, which the stand-in serves itself
/// where GitHub would send the client to its blob storage). Thread-safe.
/// </summary>
internal sealed partial class StandInActionsRuns(TimeProvider clock)
{
    private const string Repo = "^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";

    /// <summary>Where the stand-in serves job logs (a path GitHub's API does not have, so it cannot be mistaken for one).</summary>
    public const string LogPathPrefix = "/faasr-it-stand-in/job-logs/";

    private readonly Lock gate = new();
    private readonly List<StandInWorkflowRun> runs = [];

    public IReadOnlyList<StandInWorkflowRun> Runs
    {
        get
        {
            lock (gate)
            {
                return runs.ToList();
            }
        }
    }

    public StandInWorkflowRun Create(WorkflowDispatch dispatch)
    {
        lock (gate)
        {
            var number = runs.Count(r => r.Dispatch.Owner == dispatch.Owner && r.Dispatch.Repository == dispatch.Repository) + 1;
            var run = new StandInWorkflowRun(dispatch, number, clock);
            runs.Add(run);
            return run;
        }
    }

    public StandInWorkflowRun? Find(long id)
    {
        lock (gate)
        {
            return runs.FirstOrDefault(r => r.Id == id);
        }
    }

    /// <summary>The routes, for a <see cref="GitHubApi"/> that resolves the repository first.</summary>
    public IEnumerable<StandInRoute> Routes(Func<StandInCall, StandInRepository?> repositoryOf)
    {
        yield return new("GET", Repo + "/actions/runs$", (call, _) =>
            Respond(call, repositoryOf, repository => List(call, repository, null)));
        yield return new("GET", Repo + "/actions/workflows/(?<workflow>[^/]+)/runs$", (call, _) =>
            Respond(call, repositoryOf, repository => List(call, repository, call.Group("workflow"))));
        yield return new("GET", Repo + @"/actions/runs/(?<run>\d+)$", (call, _) =>
            Respond(call, repositoryOf, repository => RunOf(call, repository) is { } run
                ? StandInResponse.Json(200, run.RunJson(call.ApiRoot))
                : StandInResponse.NotFound()));
        yield return new("POST", Repo + @"/actions/runs/(?<run>\d+)/cancel$", (call, _) => Respond(call, repositoryOf, repository =>
            RunOf(call, repository) is not { } run ? StandInResponse.NotFound()
            : run.Cancel() ? StandInResponse.Json(202, new JsonObject())
            : StandInResponse.Error(409, "Cannot cancel a workflow run that is completed.")));
        yield return new("GET", Repo + @"/actions/runs/(?<run>\d+)/jobs$", (call, _) => Respond(call, repositoryOf, repository =>
            RunOf(call, repository) is { } run
                ? StandInResponse.Json(200, new JsonObject { ["total_count"] = 1, ["jobs"] = new JsonArray(run.JobJson(call.ApiRoot)) })
                : StandInResponse.NotFound()));
        yield return new("GET", Repo + @"/actions/jobs/(?<job>\d+)$", (call, _) => Respond(call, repositoryOf, repository =>
            JobOf(call, repository) is { } run ? StandInResponse.Json(200, run.JobJson(call.ApiRoot)) : StandInResponse.NotFound()));
        yield return new("GET", Repo + @"/actions/jobs/(?<job>\d+)/logs$", (call, _) => Respond(call, repositoryOf, repository =>
            JobOf(call, repository) is { } run
                ? new StandInResponse(
                    302, [], null, new Dictionary<string, string> { ["Location"] = $"{Root(call)}{LogPathPrefix}{run.JobId}.txt" })
                : StandInResponse.NotFound()));
        yield return new("GET", "^" + Regex.Escape(LogPathPrefix) + @"(?<job>\d+)\.txt$", (call, _) =>
            Task.FromResult(JobById(long.Parse(call.Group("job"), CultureInfo.InvariantCulture)) is { } run
                ? StandInResponse.Bytes(System.Text.Encoding.UTF8.GetBytes(run.Log), "text/plain; charset=utf-8")
                : StandInResponse.NotFound()));
    }

    private StandInResponse List(StandInCall call, StandInRepository repository, string? workflow)
    {
        var request = call.Request;
        if (!TryCreatedFilter(request.QueryValue("created"), out var created))
        {
            return StandInResponse.Error(
                422, $"Invalid request.\n\ncreated '{request.QueryValue("created")}' is not a date or range GitHub reads.");
        }

        var branch = request.QueryValue("branch");
        var eventName = request.QueryValue("event");
        var status = request.QueryValue("status");
        var perPage = Number(request.QueryValue("per_page")) is { } size ? Math.Clamp(size, 1, 100) : 30;
        var page = Number(request.QueryValue("page")) is { } number ? Math.Max(number, 1) : 1;
        var matching = Runs
            .Where(r => r.Dispatch.Owner.Equals(repository.Owner, StringComparison.OrdinalIgnoreCase)
                && r.Dispatch.Repository.Equals(repository.Name, StringComparison.OrdinalIgnoreCase))
            .Where(r => workflow is null || r.Dispatch.WorkflowFile.Equals(workflow, StringComparison.Ordinal)
                || StandInWorkflowRun.WorkflowId(r.Dispatch).ToString(CultureInfo.InvariantCulture) == workflow)
            .Where(r => branch is null || r.Dispatch.Ref == branch)
            .Where(r => eventName is null || eventName == "workflow_dispatch")
            .Where(r => status is null || r.Status == status || r.Conclusion == status)
            .Where(r => created(TruncateToSeconds(r.CreatedAt)))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .ToList();
        return StandInResponse.Json(200, new JsonObject
        {
            ["total_count"] = matching.Count,
            ["workflow_runs"] = new JsonArray(
                matching.Skip((page - 1) * perPage).Take(perPage).Select(r => (JsonNode)r.RunJson(call.ApiRoot)).ToArray()),
        });
    }

    private StandInWorkflowRun? RunOf(StandInCall call, StandInRepository repository) =>
        Find(long.Parse(call.Group("run"), CultureInfo.InvariantCulture)) is { } run && Belongs(run, repository) ? run : null;

    private StandInWorkflowRun? JobOf(StandInCall call, StandInRepository repository) =>
        JobById(long.Parse(call.Group("job"), CultureInfo.InvariantCulture)) is { } run && Belongs(run, repository) ? run : null;

    private StandInWorkflowRun? JobById(long jobId)
    {
        lock (gate)
        {
            return runs.FirstOrDefault(r => r.JobId == jobId);
        }
    }

    private static bool Belongs(StandInWorkflowRun run, StandInRepository repository) =>
        run.Dispatch.Owner.Equals(repository.Owner, StringComparison.OrdinalIgnoreCase)
        && run.Dispatch.Repository.Equals(repository.Name, StringComparison.OrdinalIgnoreCase);

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static Task<StandInResponse> Respond(
        StandInCall call, Func<StandInCall, StandInRepository?> repositoryOf, Func<StandInRepository, StandInResponse> respond) =>
        Task.FromResult(repositoryOf(call) is { } repository ? respond(repository) : StandInResponse.NotFound());

    /// <summary>The scheme and host the client used (the log URL is on the stand-in itself).</summary>
    private static string Root(StandInCall call) => $"{call.Request.Scheme}://{call.Request.Host}";

    /// <summary>
    /// GitHub's <c>created</c> qualifier: <c>&gt;=T</c>, <c>&gt;T</c>, <c>&lt;=T</c>, <c>&lt;T</c>, <c>A..B</c> or a day.
    /// </summary>
    private static bool TryCreatedFilter(string? text, out Func<DateTimeOffset, bool> filter)
    {
        filter = _ => true;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var match = CreatedQualifier().Match(text);
        if (match.Success && TryTime(match.Groups["time"].Value, out var time))
        {
            filter = match.Groups["op"].Value switch
            {
                ">=" => t => t >= time,
                ">" => t => t > time,
                "<=" => t => t <= time,
                "<" => t => t < time,
                _ => t => t >= time && t < time.AddDays(1),
            };
            return true;
        }

        var range = text.Split("..");
        if (range.Length == 2 && TryTime(range[0], out var from) && TryTime(range[1], out var to))
        {
            filter = t => t >= from && t <= to;
            return true;
        }

        return false;
    }

    private static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    [GeneratedRegex("^(?<op>>=|<=|>|<)?(?<time>[0-9T:+.Z-]+)$")]
    private static partial Regex CreatedQualifier();
}

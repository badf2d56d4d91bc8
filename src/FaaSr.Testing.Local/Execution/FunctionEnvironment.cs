using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Local.Execution;

/// <summary>
/// The environment of a function process, as a FaaSr 2.1 GitHub Actions job gives it: what the job's generated YAML
/// imports as secrets ({Server}_PAT of every GitHubActions server, the other servers' keys, {Store}_AccessKey and
/// {Store}_SecretKey of every data store, every declared Secret; a secret with no configured value arrives as "",
/// as an unset GitHub secret does), what FaaSr's image and backend set (FAASR_PLATFORM, the AWS checksum settings,
/// a UTC clock and a UTF-8 locale), and the per-action OVERWRITTEN and PAYLOAD_URL. Of the caller's own environment
/// only PATH (and on Windows what a process needs to start) is passed on; HOME is a folder of the run's own.
/// </summary>
internal static class FunctionEnvironment
{
    private static readonly string[] ProcessEssentials = ["PATH", "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP"];

    /// <summary>The FAASR_PLATFORM value of FaaSr-Docker's image for each FaaSType (Kubernetes has no entry platform).</summary>
    private static readonly Dictionary<string, string> Platforms = new(StringComparer.Ordinal)
    {
        ["GitHubActions"] = "github",
        ["Lambda"] = "lambda",
        ["OpenWhisk"] = "openwhisk",
        ["GoogleCloud"] = "gcp",
        ["SLURM"] = "slurm",
    };

    public static IReadOnlyDictionary<string, string> For(WorkflowDocument document, IReadOnlyDictionary<string, string> configured, string home)
    {
        var environment = Essentials();
        environment["HOME"] = home;
        environment["AWS_REQUEST_CHECKSUM_CALCULATION"] = "when_required";
        environment["AWS_RESPONSE_CHECKSUM_VALIDATION"] = "when_required";
        foreach (var name in WorkflowSecretNames.Of(document))
        {
            environment[name] = configured.GetValueOrDefault(name) ?? string.Empty;
        }

        // FaaSr-Docker's entry copies the PAT it finds into GH_PAT for its GitHub downloads.
        if (configured.TryGetValue("GH_PAT", out var pat))
        {
            environment["GH_PAT"] = pat;
        }

        return environment;
    }

    /// <summary>What differs between actions: the platform of the action's server and the payload it was sent.</summary>
    public static Dictionary<string, string> ForAction(
        IReadOnlyDictionary<string, string> run, WorkflowGraph graph, FunctionInstance instance, InvocationIdentity identity)
    {
        var environment = new Dictionary<string, string>(run, StringComparer.Ordinal);
        var action = graph.Action(instance.Action);
        var server = graph.Document.ComputeServers[action.FaaSServer];
        if (Platforms.TryGetValue(server.FaaSType, out var platform))
        {
            environment["FAASR_PLATFORM"] = platform;
        }

        if (server.FaaSType == "GitHubActions")
        {
            environment["CI"] = "true";
            environment["GITHUB_ACTIONS"] = "true";
            environment["GITHUB_REPOSITORY"] = $"{server.Field("UserName")}/{server.Field("ActionRepoName")}";
            environment["GITHUB_REF_NAME"] = server.Field("Branch") ?? "main";
            environment["GITHUB_WORKFLOW"] = $"{graph.WorkflowName}-{instance.Action}";
            environment["PAYLOAD_URL"] = $"{server.Field("UserName")}/{server.Field("ActionRepoName")}/{server.Field("Branch") ?? "main"}/{graph.WorkflowName}.json";
        }

        // With UseSecretStore the scheduler sends only the invocation's identity (and the rank) to the next action.
        var overwritten = new JsonObject
        {
            ["FunctionInvoke"] = instance.Action,
            ["InvocationID"] = identity.InvocationId,
            ["InvocationTimestamp"] = identity.InvocationTimestamp,
        };
        if (instance.Rank is { } rank)
        {
            overwritten["FunctionRank"] = rank;
        }

        environment["OVERWRITTEN"] = overwritten.ToJsonString();
        return environment;
    }

    /// <summary>The variables any process needs to start, as this process has them, plus a UTC clock and UTF-8 locale.</summary>
    public static Dictionary<string, string> Essentials()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ProcessEssentials)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        environment["TZ"] = "UTC";
        environment["LANG"] = "C.UTF-8";
        return environment;
    }
}

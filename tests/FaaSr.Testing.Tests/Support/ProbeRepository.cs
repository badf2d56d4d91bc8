using System.Text.Json.Nodes;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Support;

/// <summary>
/// A throw-away faasr-it repository in a temporary folder (FaaSr.Testing.slnx, workflows/, functions/, .env) holding
/// one small workflow, "Probe", whose Python functions exercise every outcome a test needs:
/// writer (writes out.txt, returns True) -> { True: failer, False: dontrun }, ranked(2);
/// failer (raises) -> after-failer; reader (copies a staged input.txt to copy.txt); sleeper (writes its pid, sleeps).
/// </summary>
internal sealed class ProbeRepository : IDisposable
{
    public const string WorkflowName = "Probe";
    public const string UserFolder = "probe-data";

    private const string Functions = """
        import os
        import time

        from FaaSr_py.client.py_client_stubs import faasr_get_file, faasr_invocation_id, faasr_log, faasr_put_file, faasr_rank


        def _put(folder, name, text):
            with open("out.tmp", "w") as f:
                f.write(text)
            faasr_put_file(local_file="out.tmp", remote_file=name, remote_folder=f"{folder}/{faasr_invocation_id()}")


        def writer(folder):
            faasr_log("writer says hello")
            _put(folder, "out.txt", "written by writer")
            return True


        def ranked(folder):
            rank = faasr_rank()["rank"]
            _put(folder, f"rank{rank}.txt", f"rank {rank}")


        def failer(folder):
            faasr_log("failer is about to raise")
            raise Exception("probe failure")


        def never(folder):
            _put(folder, "never.txt", "never")


        def reader(folder):
            faasr_get_file(local_file="in.tmp", remote_file="input.txt", remote_folder=f"{folder}/{faasr_invocation_id()}")
            with open("in.tmp") as f:
                _put(folder, "copy.txt", f.read())


        def sleeper(folder, pid_file):
            with open(pid_file, "w") as f:
                f.write(str(os.getpid()))
            time.sleep(120)
        """;

    public ProbeRepository()
    {
        Root = Directory.CreateTempSubdirectory("faasr-it-probe-repo-").FullName;
        File.WriteAllText(Path.Combine(Root, "FaaSr.Testing.slnx"), "<Solution />\n");
        Directory.CreateDirectory(Path.Combine(Root, "functions", WorkflowName));
        File.WriteAllText(Path.Combine(Root, "functions", WorkflowName, "probe.py"), Functions.ReplaceLineEndings("\n") + "\n");
    }

    public string Root { get; }

    public string PidFile => Path.Combine(Root, "sleeper.pid");

    /// <summary>The probe workflow "workflows/{file}" with the given actions, its only store S3 on <paramref name="bucket"/>.</summary>
    public string WriteWorkflow(string file, string bucket, string? endpoint, params Probe[] actions)
    {
        var list = new JsonObject();
        var repos = new JsonObject();
        foreach (var action in actions)
        {
            var arguments = new JsonObject { ["folder"] = UserFolder };
            if (action.Function == "sleeper")
            {
                arguments["pid_file"] = PidFile;
            }

            list[action.Name] = new JsonObject
            {
                ["FaaSServer"] = "GH",
                ["FunctionName"] = action.Function,
                ["Type"] = "Python",
                ["Arguments"] = arguments,
                ["InvokeNext"] = JsonNode.Parse(action.InvokeNext),
            };
            repos[action.Function] = $"owner/repo/functions/{WorkflowName}";
        }

        var store = new JsonObject { ["Bucket"] = bucket, ["Region"] = "us-east-1" };
        if (endpoint is not null)
        {
            store["Endpoint"] = endpoint;
        }

        var workflow = new JsonObject
        {
            ["WorkflowName"] = WorkflowName,
            ["FunctionInvoke"] = actions[0].Name,
            ["FaaSrLog"] = "FaaSrLog",
            ["DefaultDataStore"] = "S3",
            ["LoggingDataStore"] = "S3",
            ["ComputeServers"] = new JsonObject
            {
                ["GH"] = new JsonObject { ["FaaSType"] = "GitHubActions", ["UserName"] = "u", ["ActionRepoName"] = "r", ["Branch"] = "main", ["UseSecretStore"] = true },
            },
            ["DataStores"] = new JsonObject { ["S3"] = store },
            ["ActionList"] = list,
            ["FunctionGitRepo"] = repos,
        };
        var relative = Path.Combine("workflows", file);
        Directory.CreateDirectory(Path.Combine(Root, "workflows"));
        File.WriteAllText(Path.Combine(Root, relative), workflow.ToJsonString());
        return relative;
    }

    /// <summary>writer -> {True: failer, False: dontrun}, ranked(2); failer -> after-failer.</summary>
    public string WriteOutcomesWorkflow(string bucket, string? endpoint = null) => WriteWorkflow(
        "Outcomes.json",
        bucket,
        endpoint,
        new Probe("writer", "writer", """[{"True": ["failer"], "False": ["dontrun"]}, "ranked(2)"]"""),
        new Probe("failer", "failer", """["after-failer"]"""),
        new Probe("after-failer", "never", "[]"),
        new Probe("dontrun", "never", "[]"),
        new Probe("ranked", "ranked", "[]"));

    public WorkflowGraph Load(string relativeWorkflow) => WorkflowLoader.Load(Path.Combine(Root, relativeWorkflow));

    public void WriteEnvFile(string text) => File.WriteAllText(Path.Combine(Root, ".env"), text);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>One action of the probe workflow: its name, its Python function and its InvokeNext as JSON.</summary>
    public sealed record Probe(string Name, string Function, string InvokeNext);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using FaaSr.Testing.Faasr.Sources;

namespace FaaSr.Testing.Tests.Faasr;

/// <summary>
/// Stand-ins, written by these tests, for the three FaaSr code bases the faasr compute runs: a backend that is only
/// the FaaSr_py package, a FaaSr-Docker whose entry does what the real one does on the wire (fetch the workflow file
/// through the proxy from the contents API, dispatch each InvokeNext) and leaves what the real backend leaves in /tmp,
/// and a FaaSr-workflow whose register script writes each action's job through the contents API and whose invoke
/// script sends the entry dispatch. Each action writes a record of what it saw (environment, workflow file, times,
/// whether another host was reachable) to RECORDS.
/// </summary>
internal sealed class FakeFaasr : IDisposable
{
    private FakeFaasr(string root)
    {
        Root = root;
        Records = Directory.CreateDirectory(Path.Combine(root, "records")).FullName;
    }

    public string Root { get; }

    public string Backend => Path.Combine(Root, "backend");

    public string Entry => Path.Combine(Root, "docker");

    public string WorkflowTools => Path.Combine(Root, "workflow");

    public string Functions => Path.Combine(Root, "functions");

    /// <summary>Where every action writes its record (passed to it as the declared secret FAKE_RECORDS).</summary>
    public string Records { get; }

    public FaasrSourceOptions SourceOptions(bool withWorkflowTools) => new()
    {
        Backend = Backend,
        Entry = Entry,
        WorkflowTools = withWorkflowTools ? WorkflowTools : null,
        CacheRoot = Path.Combine(Root, "cache"),
    };

    public static FakeFaasr Create()
    {
        var fake = new FakeFaasr(Directory.CreateTempSubdirectory("faasr-it-fake-faasr-").FullName);
        fake.Write("backend/FaaSr_py/__init__.py", "MARKER = 'fake backend'\n");
        fake.Write("docker/base/base.Dockerfile", "FROM debian\nENV PYTHONPATH=/tmp/packages\n");
        fake.Write("docker/faas_specific/github-actions.Dockerfile",
            "ARG BASE_IMAGE\nFROM $BASE_IMAGE\nENV FAASR_PLATFORM=\"github\" FAKE_IMAGE_VARIABLE=from-the-image\nCOPY " +
            "faasr_entry.py /action/\n");
        fake.Write("docker/faas_specific/faasr_entry.py", EntryScript);
        fake.Write("workflow/scripts/register_workflow.py", RegisterScript);
        fake.Write("workflow/scripts/invoke_workflow.py", InvokeScript);
        fake.Write("functions/Chain/step.py", "def step():\n    return True\n");
        return fake;
    }

    /// <summary>A workflow of GitHubActions actions a → [b, c] (each optional exit code in Arguments.exit).</summary>
    public static JsonObject Workflow(
        string name, IReadOnlyDictionary<string, string[]> next, IReadOnlyDictionary<string, int>? exits = null) =>
        new()
        {
            ["WorkflowName"] = name,
            ["FunctionInvoke"] = next.Keys.First(),
            ["FaaSrLog"] = "FaaSrLog",
            ["DefaultDataStore"] = "S3",
            ["LoggingDataStore"] = "S3",
            ["ComputeServers"] = new JsonObject
            {
                ["GH"] = new JsonObject
                {
                    ["FaaSType"] = "GitHubActions",
                    ["UserName"] = "fake-owner",
                    ["ActionRepoName"] = "fake-repo",
                    ["Branch"] = "main",
                    ["UseSecretStore"] = true,
                },
            },
            ["DataStores"] = new JsonObject
            {
                ["S3"] = new JsonObject
                {
                    ["Endpoint"] = "https://s3.us-east-1.amazonaws.com",
                    ["Bucket"] = "fake-bucket",
                    ["Region"] = "us-east-1",
                    ["Writable"] = "true",
                },
            },
            ["Secrets"] = new JsonArray("FAKE_RECORDS", "TEST_SECRET", "UNSET_SECRET"),
            ["ActionList"] = new JsonObject(next.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)new JsonObject
            {
                ["FaaSServer"] = "GH",
                ["FunctionName"] = "step",
                ["Type"] = "Python",
                ["Arguments"] = new JsonObject { ["exit"] = exits?.GetValueOrDefault(pair.Key) ?? 0 },
                ["InvokeNext"] = new JsonArray(pair.Value.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            }))),
            ["ActionContainers"] = new JsonObject(next.Keys.Select(k => KeyValuePair.Create(k,
                (JsonNode?)JsonValue.Create("ghcr.io/faasr/github-actions-python:latest")))),
            ["FunctionGitRepo"] = new JsonObject { ["step"] = "fake-owner/fake-repo/functions/Chain" },
        };

    /// <summary>The records the actions wrote, in the order they started.</summary>
    public IReadOnlyList<JsonObject> ReadRecords() =>
        Directory.EnumerateFiles(Records, "*.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())
            .OrderBy(r => r["started"]!.GetValue<double>())
            .ToList();

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Shared by the three scripts: calls to https://api.github.com through HTTPS_PROXY, trusting the run's CA.</summary>
    private const string GitHubClient = """
        import base64, json, os, ssl, sys, urllib.error, urllib.request

        def opener():
            context = ssl.create_default_context(cafile=os.environ["REQUESTS_CA_BUNDLE"])
            return urllib.request.build_opener(urllib.request.ProxyHandler({"https": os.environ["HTTPS_PROXY"]}), urllib.request.HTTPSHandler(context=context))

        def api(method, path, body=None):
            request = urllib.request.Request(
                "https://api.github.com" + path, method=method, data=None if body is None else json.dumps(body).encode(),
                headers={"Authorization": "token " + os.environ.get("GH_PAT", ""), "Content-Type": "application/json"})
            with opener().open(request, timeout=30) as response:
                return response.status, response.read()

        def dispatch(workflow, action, payload_url):
            server = workflow["ComputeServers"][workflow["ActionList"][action]["FaaSServer"]]
            api("POST", f"/repos/{server['UserName']}/{server['ActionRepoName']}/actions/workflows/{workflow['WorkflowName']}-{action}.yml/dispatches",
                {"ref": server["Branch"], "inputs": {"OVERWRITTEN": json.dumps({"FunctionInvoke": action}), "PAYLOAD_URL": payload_url}})

        """;

    private const string EntryScript = GitHubClient + """
        import socket, time
        import FaaSr_py

        started = time.time()
        payload_url = os.environ["PAYLOAD_URL"]
        overwritten = json.loads(os.environ["OVERWRITTEN"])
        owner, repo, branch, path = payload_url.split("/", 3)
        status, body = api("GET", f"/repos/{owner}/{repo}/contents/{path}?ref={branch}")
        workflow = json.loads(base64.b64decode(json.loads(body)["content"]))
        action = overwritten["FunctionInvoke"]

        # As the backend's RPC server: 127.0.0.1:8000 is this action's while it runs.
        rpc = socket.socket()
        rpc.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        rpc.bind(("127.0.0.1", 8000))
        rpc.listen()

        # What the backend leaves in /tmp.
        invocation = workflow["InvocationID"]
        flag = f"/tmp/{workflow['FaaSrLog']}/{workflow['WorkflowName']}/{workflow['InvocationTimestamp']}/{invocation}/{action}/flag"
        for folder in (f"/tmp/functions/{invocation}/code", "/tmp/packages/fakepkg", flag):
            os.makedirs(folder, exist_ok=True)
            open(os.path.join(folder, "left.txt"), "w").write("left by the fake entry")
        open(f"/tmp/{repo}.tar.gz", "w").write("left by the fake entry")

        try:
            opener().open("https://example.com/", timeout=10)
            other_host = "reached"
        except Exception as error:
            other_host = "refused: " + str(error)

        time.sleep(0.2)
        for successor in workflow["ActionList"][action]["InvokeNext"]:
            dispatch(workflow, successor, payload_url)
        record = {"action": action, "started": started, "ended": time.time(), "cwd": os.getcwd(), "environment": dict(os.environ),
                  "workflow": workflow, "otherHost": other_host, "backend": FaaSr_py.MARKER}
        with open(os.path.join(os.environ["FAKE_RECORDS"], f"{action}-{os.getpid()}.json"), "w") as handle:
            json.dump(record, handle)
        rpc.close()
        sys.exit(int(workflow["ActionList"][action]["Arguments"].get("exit", 0)))
        """;

    /// <summary>
    /// Writes .github/workflows/{wf}-{action}.yml for each action, in register_workflow.py's shape, plus an alias of
    /// TEST_SECRET.
    /// </summary>
    private const string RegisterScript = GitHubClient + """
        workflow = json.load(open(sys.argv[sys.argv.index("--workflow-file") + 1]))
        repository = os.environ["GITHUB_REPOSITORY"]
        secrets = ["GH_PAT", "S3_AccessKey", "S3_SecretKey"] + workflow.get("Secrets", [])
        for action in workflow["ActionList"]:
            name = f"{workflow['WorkflowName']}-{action}"
            lines = [f"name: {name}", "", "jobs:", "    run_docker_image:", "        runs-on: ubuntu-latest",
                     "        container: " + workflow["ActionContainers"][action], "", "        env:"]
            lines += [f"            {s}: ${{{{ secrets.{s}}}}}" for s in secrets]
            lines += ["            ALIAS_OF_TEST_SECRET: ${{ secrets.TEST_SECRET }}",
                      "            OVERWRITTEN: ${{ github.event.inputs.OVERWRITTEN }}",
                      "            PAYLOAD_URL: ${{ github.event.inputs.PAYLOAD_URL }}", "",
                      "        steps:", "          - name: Run Python entrypoint", "            run: |",
                      "                cd /action", "                python3 faasr_entry.py", ""]
            content = base64.b64encode("\n".join(lines).encode()).decode()
            api("PUT", f"/repos/{repository}/contents/.github/workflows/{name}.yml", {"message": "register", "content": content})
        print("registered", len(workflow["ActionList"]))
        """;

    private const string InvokeScript = GitHubClient + """
        path = sys.argv[sys.argv.index("--workflow-file") + 1]
        workflow = json.load(open(path))
        dispatch(workflow, workflow["FunctionInvoke"], f"{os.environ['GITHUB_REPOSITORY']}/{os.environ['GITHUB_REF_NAME']}/{path}")
        print("invoked", workflow["FunctionInvoke"])
        """;
}

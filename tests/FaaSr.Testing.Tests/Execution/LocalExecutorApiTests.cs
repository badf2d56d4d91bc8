using System.Text.Json;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Storage;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class LocalExecutorApiTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task ADeclaredSecretIsReadAndAMissingOneEndsTheFunctionWithoutDoneEvenWhenCaught()
    {
        await using var harness = await ExecutorHarness.CreateAsync("secrets", Cancellation);
        harness.AddFile("f.py", """
            import os
            from FaaSr_py.client.py_client_stubs import faasr_invocation_id, faasr_secret, faasr_put_file

            def python_secret(folder_name):
                with open("secret.txt", "w") as f:
                    f.write(faasr_secret("TEST_SECRET"))
                faasr_put_file(local_file="secret.txt", remote_file=f"{faasr_invocation_id()}/secret_python.txt", remote_folder=folder_name)
                faasr_log("undeclared visible: " + str("OTHER_SECRET" in os.environ))
                faasr_log("unset declared secret: " + repr(faasr_secret("UNSET_SECRET")))

            def python_secret_fail():
                try:
                    faasr_secret("NON_EXISTENT_SECRET")
                except Exception:
                    faasr_log("caught the failure")
            """);
        var graph = harness.Workflow("""
            "python-secret": { "FaaSServer": "GH", "FunctionName": "python_secret", "Type": "Python", "Arguments": { "folder_name": "out" }, "InvokeNext": ["python-secret-fail"] },
            "python-secret-fail": { "FaaSServer": "GH", "FunctionName": "python_secret_fail", "Type": "Python" }
            """, change: w => w["Secrets"] = new System.Text.Json.Nodes.JsonArray("TEST_SECRET", "UNSET_SECRET"));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with
        {
            FunctionEnvironment = new Dictionary<string, string>(o.FunctionEnvironment) { ["TEST_SECRET"] = "TEST_SECRET_VALUE", ["OTHER_SECRET"] = "not declared" },
        });

        Assert.AreEqual(InstanceState.Completed, result["python-secret"].State, result["python-secret"].Reason);
        Assert.AreEqual("TEST_SECRET_VALUE", await harness.TextAsync($"out/{run.InvocationId}/secret_python.txt", Cancellation));
        var log = await harness.LogAsync(run, "python-secret", Cancellation);
        StringAssert.Contains(log, "\nundeclared visible: False\n");
        StringAssert.Contains(log, "\nunset declared secret: ''\n", "An unset GitHub secret reaches the job as an empty variable.");
        Assert.DoesNotContain("TEST_SECRET_VALUE", log, "Secrets stay out of the log.");

        // FaaSr 2.1's stub calls sys.exit(1): no except Exception catches it, and the action ends without .done.
        Assert.AreEqual(InstanceState.Failed, result["python-secret-fail"].State);
        Assert.IsNull(await harness.TextAsync(run.Folder.DoneKey(graph.Instance("python-secret-fail")), Cancellation));
        var failLog = await harness.LogAsync(run, "python-secret-fail", Cancellation);
        StringAssert.Contains(failLog, "] [ERROR] [secret.py] faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables\n");
        StringAssert.Contains(failLog, "] [ERROR] [faasr_server.py] ERROR - failed to invoke faasr_secret - 'faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables'\n");
        Assert.DoesNotContain("caught the failure", failLog);
    }

    [TestMethod]
    public async Task FaaSrSecretWorksOnlyOnGitHubActions()
    {
        await using var harness = await ExecutorHarness.CreateAsync("secret-type", Cancellation);
        harness.AddFile("f.py", """
            from FaaSr_py.client.py_client_stubs import faasr_secret

            def first():
                faasr_log("on GitHubActions: " + faasr_secret("TEST_SECRET"))

            def second():
                faasr_secret("TEST_SECRET")
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
            "second": { "FaaSServer": "OW", "FunctionName": "second", "Type": "Python" }
            """, change: w => w["Secrets"] = new System.Text.Json.Nodes.JsonArray("TEST_SECRET"));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with
        {
            FunctionEnvironment = new Dictionary<string, string>(o.FunctionEnvironment) { ["TEST_SECRET"] = "value" },
        });

        Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
        StringAssert.Contains(await harness.LogAsync(run, "first", Cancellation), "\non GitHubActions: value\n");
        Assert.AreEqual(InstanceState.Failed, result["second"].State);
        Assert.IsNull(await harness.TextAsync(run.Folder.DoneKey(graph.Instance("second")), Cancellation));
        StringAssert.Contains(
            await harness.LogAsync(run, "second", Cancellation),
            "] [ERROR] [secret.py] faasr_secret: Compute server type 'OpenWhisk' is not supported. Only GitHubActions is currently supported.\n");
    }

    [TestMethod]
    public async Task TheFunctionSeesTheEnvironmentOfAGitHubActionsJobAndNothingOfTheCallers()
    {
        await using var harness = await ExecutorHarness.CreateAsync("environment", Cancellation);
        harness.AddFile("f.py", """
            import json
            import os
            import time

            def only():
                names = ["FAASR_PLATFORM", "GH_PAT", "AWS_REQUEST_CHECKSUM_CALCULATION", "AWS_RESPONSE_CHECKSUM_VALIDATION", "TZ", "S3_AccessKey"]
                faasr_log("env " + json.dumps({name: os.environ.get(name) is not None for name in names}, sort_keys=True))
                faasr_log("platform " + os.environ["FAASR_PLATFORM"] + " checksum " + os.environ["AWS_REQUEST_CHECKSUM_CALCULATION"])
                faasr_log("overwritten " + json.loads(os.environ["OVERWRITTEN"])["FunctionInvoke"])
                faasr_log("utc offset " + str(time.localtime().tm_gmtoff))
                faasr_log("caller variable visible: " + str("FAASR_IT_CALLER_ONLY" in os.environ))
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);
        Environment.SetEnvironmentVariable("FAASR_IT_CALLER_ONLY", "from the developer's shell");
        try
        {
            var (run, result) = await harness.RunAsync(graph, Cancellation);

            Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
            var log = await harness.LogAsync(run, "only", Cancellation);
            StringAssert.Contains(log, "\nenv {\"AWS_REQUEST_CHECKSUM_CALCULATION\": true, \"AWS_RESPONSE_CHECKSUM_VALIDATION\": true, \"FAASR_PLATFORM\": true, \"GH_PAT\": true, \"S3_AccessKey\": true, \"TZ\": true}\n");
            StringAssert.Contains(log, "\nplatform github checksum when_required\n");
            StringAssert.Contains(log, "\noverwritten only\n");
            StringAssert.Contains(log, "\nutc offset 0\n");
            StringAssert.Contains(log, "\ncaller variable visible: False\n");
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAASR_IT_CALLER_ONLY", null);
        }
    }

    [TestMethod]
    public async Task PathsAreNormalisedFolderListsAreFullKeysAndCredentialsNameTheStore()
    {
        await using var harness = await ExecutorHarness.CreateAsync("api", Cancellation);
        await harness.Store.PutAsync("data/dir/", Array.Empty<byte>(), Cancellation);
        harness.AddFile("f.py", """
            import json

            def only():
                with open("a.txt", "w") as f:
                    f.write("A")
                faasr_put_file(local_file="a.txt", remote_file="a.txt/", remote_folder="data//x//")
                faasr_put_file(local_file="a.txt", remote_file="b.txt", remote_folder=".")
                faasr_put_file(local_file="a.txt", remote_file="gone.txt", remote_folder="data")
                faasr_delete_file(remote_file="gone.txt", remote_folder="data/")
                import os
                os.makedirs("sub")
                faasr_get_file(local_file="copy.txt", local_folder="sub", remote_file="b.txt")
                with open("sub/copy.txt") as f:
                    faasr_log("copy " + f.read())
                faasr_log("list " + json.dumps(sorted(faasr_get_folder_list(prefix="data"))))
                creds = faasr_get_s3_creds()
                faasr_log("creds " + json.dumps({k: creds[k] for k in ("bucket", "region", "endpoint", "anonymous")}))
                faasr_log("keys " + str(bool(creds["access_key"]) and bool(creds["secret_key"])))
                faasr_log("rank " + json.dumps(faasr_rank(), sort_keys=True))
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        var log = await harness.LogAsync(run, "only", Cancellation);
        var keys = await harness.KeysAsync(Cancellation);
        Assert.Contains("data/x/a.txt", keys, "Repeated and trailing slashes are dropped.");
        Assert.Contains("b.txt", keys);
        Assert.DoesNotContain("data/gone.txt", keys);
        StringAssert.Contains(log, "\ncopy A\n");
        StringAssert.Contains(log, "\nlist [\"data/x/a.txt\"]\n", "Full keys, and keys ending in '/' are left out.");
        var creds = JsonDocument.Parse(log.Split('\n').Single(l => l.StartsWith("creds ", StringComparison.Ordinal))[6..]).RootElement;
        Assert.AreEqual(harness.Store.Bucket, creds.GetProperty("bucket").GetString());
        Assert.AreEqual(harness.Connection.ServiceUrl!.ToString(), creds.GetProperty("endpoint").GetString());
        StringAssert.Contains(log, "\nkeys True\n");
        StringAssert.Contains(log, "\nrank {\"max_rank\": 1, \"rank\": 1}\n");
    }

    [TestMethod]
    public async Task GettingAFileIntoAMissingFolderFailsAsInFaaSr()
    {
        await using var harness = await ExecutorHarness.CreateAsync("get-folder", Cancellation);
        await harness.Store.PutAsync("b.txt", "B"u8.ToArray(), Cancellation);
        harness.AddFile("f.py", """
            def only():
                faasr_get_file(local_file="copy.txt", local_folder="nosuchdir", remote_file="b.txt")
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["only"].State);
        Assert.IsNull(await harness.TextAsync(run.Folder.DoneKey(graph.Instance("only")), Cancellation));
        StringAssert.Contains(
            await harness.LogAsync(run, "only", Cancellation),
            "] [ERROR] [faasr_server.py] ERROR - failed to invoke faasr_get_file - [Errno 2] No such file or directory: 'nosuchdir/copy.txt'");
    }

    [TestMethod]
    public async Task S3CredentialsTakeNoArgumentAndNameTheAwsEndpointOfAStoreWithoutOne()
    {
        await using var harness = await ExecutorHarness.CreateAsync("creds", Cancellation);
        harness.AddFile("f.py", """
            def first():
                faasr_log("endpoint " + faasr_get_s3_creds()["endpoint"])
                faasr_get_s3_creds("S3")

            def second():
                pass
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python" }
            """, change: w => w["DataStores"]!["S3"]!.AsObject().Remove("Endpoint"));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { StoreEndpoints = new Dictionary<string, string>() });

        var log = await harness.LogAsync(run, "first", Cancellation);
        StringAssert.Contains(log, "\nendpoint https://s3.us-east-1.amazonaws.com\n");
        Assert.AreEqual(InstanceState.Failed, result["first"].State, "faasr_get_s3_creds(server_name) is a TypeError in FaaSr 2.1.");
        StringAssert.Contains(log, "faasr_get_s3_creds() takes 0 positional arguments but 1 was given");
    }

    [TestMethod]
    public async Task OnlyTheDownloadFolderIsOnSysPathSoSiblingModulesNeedRelativeImports()
    {
        await using var harness = await ExecutorHarness.CreateAsync("relative", Cancellation);
        harness.AddFile("utils/__init__.py", "");
        harness.AddFile("utils/enums.py", "GREETING = 'hello from utils'\n");
        harness.AddFile("relative.py", """
            from .utils.enums import GREETING

            def first():
                faasr_log(GREETING)
            """);
        harness.AddFile("absolute.py", """
            from utils import enums

            def second():
                faasr_log(enums.GREETING)
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
        StringAssert.Contains(await harness.LogAsync(run, "first", Cancellation), "\nhello from utils\n");

        // In FaaSr 2.1 the code lies in /tmp/functions/{ID}/owner-repo-{sha}/fns: "utils" is no top-level module, the
        // file is skipped, the function is not found (reported through faasr_exit, so .done is written).
        Assert.AreEqual(InstanceState.Failed, result["second"].State);
        StringAssert.Contains(await harness.LogAsync(run, "second", Cancellation), "] [ERROR] [executor.py] {py_user_func_entry.py: cannot find function second}\n");
        Assert.IsFalse(Directory.EnumerateDirectories(harness.Root, "__pycache__", SearchOption.AllDirectories).Any(), "Byte code is cached outside the user's code.");
    }

    [TestMethod]
    public async Task FaaSrInvocationIdMustBeImportedAsInFaaSr()
    {
        await using var harness = await ExecutorHarness.CreateAsync("not-injected", Cancellation);
        harness.AddFile("f.py", """
            def only():
                faasr_log(faasr_invocation_id())
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["only"].State);
        StringAssert.Contains(await harness.LogAsync(run, "only", Cancellation), "] [ERROR] [executor.py] name 'faasr_invocation_id' is not defined\n");
    }

    [TestMethod]
    public async Task KeysAndLocalPathsThatLeaveTheirFolderAreRefusedWithAnErrorInTheLog()
    {
        await using var harness = await ExecutorHarness.CreateAsync("escape", Cancellation);
        var other = await Support.SharedS3.NewBucketAsync("escape-other", Cancellation);
        await other.PutAsync("victim", "still here"u8.ToArray(), Cancellation);
        await harness.Store.PutAsync("a-key", "A"u8.ToArray(), Cancellation);
        var outside = Directory.CreateTempSubdirectory("faasr-it-outside-").FullName;
        File.WriteAllText(Path.Combine(outside, "planted.txt"), "outside");

        // A failed call ends the function (as in FaaSr), so each attempt is its own action.
        var attempts = new Dictionary<string, string>
        {
            ["put-other-bucket"] = $"faasr_put_file(local_file='a.txt', remote_folder='../{other.Bucket}', remote_file='planted')",
            ["get-other-bucket"] = $"faasr_get_file(local_file='got.txt', remote_folder='../{other.Bucket}', remote_file='victim')",
            ["delete-other-bucket"] = $"faasr_delete_file(remote_folder='../{other.Bucket}', remote_file='victim')",
            ["list-parent"] = "faasr_get_folder_list(prefix='../')",
            ["put-absolute-key"] = "faasr_put_file(local_file='a.txt', remote_file='/abs')",
            ["put-environ"] = "faasr_put_file(local_file='/proc/self/environ', remote_file='environ')",
            ["put-environ-link"] = "faasr_put_file(local_file='environ-link', remote_file='environ2')",
            ["get-outside"] = $"faasr_get_file(local_folder='{outside}', local_file='written.txt', remote_file='a-key')",
            ["put-outside"] = $"faasr_put_file(local_folder='../../../../../../../../..{outside}', local_file='planted.txt', remote_file='planted')",
        };
        harness.AddFile("f.py", """
            import os
            from FaaSr_py.client.py_client_stubs import faasr_delete_file, faasr_get_file, faasr_get_folder_list, faasr_log, faasr_put_file

            def start():
                pass

            def attempt(call):
                with open("a.txt", "w") as f:
                    f.write("A")
                os.symlink("/proc/self/environ", "environ-link")
                eval(call)
                faasr_log("ALLOWED")
            """);
        var actions = string.Join(",\n", attempts.Select(a =>
            $"\"{a.Key}\": {{ \"FaaSServer\": \"GH\", \"FunctionName\": \"attempt\", \"Type\": \"Python\", \"Arguments\": {{ \"call\": {JsonSerializer.Serialize(a.Value)} }} }}"));
        var graph = harness.Workflow(
            $"\"start\": {{ \"FaaSServer\": \"GH\", \"FunctionName\": \"start\", \"Type\": \"Python\", \"InvokeNext\": {JsonSerializer.Serialize(attempts.Keys)} }},\n{actions}");

        try
        {
            var (run, result) = await harness.RunAsync(graph, Cancellation);

            foreach (var label in attempts.Keys)
            {
                var log = await harness.LogAsync(run, label, Cancellation);
                Assert.AreEqual(InstanceState.Failed, result[label].State, $"{label}: {log}");
                Assert.DoesNotContain("ALLOWED", log, label);
                StringAssert.Contains(log, "] [ERROR] [faasr_server.py] ERROR - failed to invoke faasr_", label);
                StringAssert.Matches(log, new System.Text.RegularExpressions.Regex("is refused|is outside the function's working folder"), label);
            }

            Assert.AreEqual("still here", await other.GetTextAsync("victim", Cancellation));
            Assert.IsFalse(await other.ExistsAsync("planted", Cancellation));
            Assert.IsFalse(File.Exists(Path.Combine(outside, "written.txt")));
            Assert.IsFalse(await harness.Store.ExistsAsync("environ", Cancellation));
            Assert.IsFalse(await harness.Store.ExistsAsync("environ2", Cancellation));
            Assert.IsFalse(await harness.Store.ExistsAsync("planted", Cancellation));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [TestMethod]
    public async Task AChunkedRequestBodyOverTheLimitIsRefusedAndTheRunFolderIsTheUsersOnly()
    {
        await using var harness = await ExecutorHarness.CreateAsync("chunked", Cancellation);
        harness.AddFile("f.py", """
            import http.client
            import json
            import os
            from FaaSr_py.client.py_client_stubs import faasr_log

            def only():
                message = "x" * (20 * 1024 * 1024)
                body = json.dumps({"ProcedureID": "faasr_log", "Arguments": {"log_message": message}}).encode()
                def chunks():
                    for i in range(0, len(body), 1024 * 1024):
                        yield body[i:i + 1024 * 1024]
                connection = http.client.HTTPConnection("127.0.0.1", int(os.environ["FAASR_LOCAL_RPC_PORT"]), timeout=60)
                try:
                    connection.request("POST", "/faasr-action", body=chunks(), encode_chunked=True,
                                       headers={"Authorization": "Bearer " + os.environ["FAASR_LOCAL_RPC_TOKEN"], "Content-Type": "application/json"})
                    status = connection.getresponse().status
                except OSError as e:
                    status = "reset"
                faasr_log(f"chunked status {status}")
                run_folder = os.path.dirname(os.path.dirname(os.getcwd()))
                faasr_log("run folder mode " + oct(os.stat(run_folder).st_mode & 0o777))
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        var log = await harness.LogAsync(run, "only", Cancellation);
        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        StringAssert.Matches(log, new System.Text.RegularExpressions.Regex("\nchunked status (413|reset)\n"), "a chunked body over 16 MiB is refused, not read whole");
        Assert.IsLessThan(1024 * 1024, log.Length, "the 20 MB message never reached the log");
        StringAssert.Contains(log, "\nrun folder mode 0o700\n");
    }

    [TestMethod]
    public async Task ValuesFaaSrCannotSendAsJsonFailLikeInFaaSr()
    {
        await using var harness = await ExecutorHarness.CreateAsync("non-json", Cancellation);
        harness.AddFile("f.py", """
            def first():
                faasr_log({"a": 1, "b": [True, None]})
                faasr_log(object())
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        // faasr_log sends JSON and the server writes str() of what arrives; an object JSON cannot hold is a TypeError.
        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        var log = await harness.LogAsync(run, "first", Cancellation);
        StringAssert.Contains(log, "\n{'a': 1, 'b': [True, None]}\n");
        StringAssert.Contains(log, "] [ERROR] [executor.py] Object of type object is not JSON serializable\n");
        Assert.AreEqual("True", await harness.TextAsync(run.Folder.DoneKey(graph.Instance("first")), Cancellation), "A user exception still writes .done.");
    }

    [TestMethod]
    public async Task AReturnValueJsonCannotHoldEndsTheFunctionWithoutDone()
    {
        await using var harness = await ExecutorHarness.CreateAsync("non-json-return", Cancellation);
        harness.AddFile("f.py", """
            class LikeNumpyBool:
                def __repr__(self):
                    return "True"

            def only():
                return LikeNumpyBool()
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python", "InvokeNext": [{ "True": ["next"], "False": [] }] },
            "next": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["only"].State);
        Assert.AreEqual(InstanceState.NotRun, result["next"].State);
        Assert.IsNull(await harness.TextAsync(run.Folder.DoneKey(graph.Instance("only")), Cancellation));
        StringAssert.Contains(result["only"].Reason, "is not JSON serializable");
    }
}

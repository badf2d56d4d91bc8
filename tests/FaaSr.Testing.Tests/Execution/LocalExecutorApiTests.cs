using System.Text.Json;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

[TestClass]
public sealed class LocalExecutorApiTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task ADeclaredSecretIsReadAndAMissingOneFailsTheFunction()
    {
        await using var harness = await ExecutorHarness.CreateAsync("secrets", Cancellation);
        harness.AddFile("f.py", """
            import os
            from FaaSr_py.client.py_client_stubs import faasr_secret, faasr_put_file

            def python_secret(folder_name):
                with open("secret.txt", "w") as f:
                    f.write(faasr_secret("TEST_SECRET"))
                faasr_put_file(local_file="secret.txt", remote_file=f"{faasr_invocation_id()}/secret_python.txt", remote_folder=folder_name)
                faasr_log("undeclared visible: " + str("OTHER_SECRET" in os.environ))

            def python_secret_fail():
                faasr_secret("NON_EXISTENT_SECRET")
            """);
        var graph = harness.Workflow("""
            "python-secret": { "FaaSServer": "GH", "FunctionName": "python_secret", "Type": "Python", "Arguments": { "folder_name": "out" }, "InvokeNext": ["python-secret-fail"] },
            "python-secret-fail": { "FaaSServer": "GH", "FunctionName": "python_secret_fail", "Type": "Python" }
            """, change: w => w["Secrets"] = new System.Text.Json.Nodes.JsonArray("TEST_SECRET"));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with
        {
            FunctionEnvironment = new Dictionary<string, string>(o.FunctionEnvironment) { ["TEST_SECRET"] = "TEST_SECRET_VALUE", ["OTHER_SECRET"] = "not declared" },
        });

        Assert.AreEqual(InstanceState.Completed, result["python-secret"].State, result["python-secret"].Reason);
        Assert.AreEqual("TEST_SECRET_VALUE", await harness.TextAsync($"out/{run.InvocationId}/secret_python.txt", Cancellation));
        var log = await harness.LogAsync(run, "python-secret", Cancellation);
        StringAssert.Contains(log, "\nundeclared visible: False\n");
        Assert.DoesNotContain("TEST_SECRET_VALUE", log, "Secrets stay out of the log.");

        Assert.AreEqual(InstanceState.Failed, result["python-secret-fail"].State);
        var failLog = await harness.LogAsync(run, "python-secret-fail", Cancellation);
        StringAssert.Contains(failLog, "] [ERROR] [faasr_server.py] faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables");
        StringAssert.Contains(failLog, "] [ERROR] [executor.py] faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables");
        StringAssert.Contains(failLog, "RuntimeError: faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables");
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
    public async Task AFunctionFolderImportsAsAPackageSoRelativeImportsWork()
    {
        await using var harness = await ExecutorHarness.CreateAsync("relative", Cancellation);
        harness.AddFile("utils/__init__.py", "");
        harness.AddFile("utils/enums.py", "GREETING = 'hello from utils'\n");
        harness.AddFile("main.py", """
            from .utils.enums import GREETING
            from utils import enums

            def only():
                faasr_log(GREETING + " / " + enums.GREETING)
            """);
        var graph = harness.Workflow("""
            "only": { "FaaSServer": "GH", "FunctionName": "only", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["only"].State, result["only"].Reason);
        StringAssert.Contains(await harness.LogAsync(run, "only", Cancellation), "\nhello from utils / hello from utils\n");
        Assert.IsFalse(Directory.EnumerateDirectories(harness.Root, "__pycache__", SearchOption.AllDirectories).Any(), "Byte code is cached outside the user's code.");
    }
}

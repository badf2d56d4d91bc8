using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;
using FaaSr.Testing.Workflows;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>R actions run as Rscript processes with FaaSr's R user API over the loopback RPC (docs/r-runtime.md).</summary>
[TestClass]
public sealed class LocalExecutorRTests(TestContext testContext)
{
    private const string ROnly = """
        "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "R", "InvokeNext": ["second"] },
        "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "R" }
        """;

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task AnRFunctionUsesTheUserApiAndItsLogicalResultPicksTheBranch()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-api", Cancellation);
        await harness.Store.PutAsync("data/in.txt", "from S3"u8.ToArray(), Cancellation);
        harness.AddFile("api.R", """
            r_api <- function(folder, numbers, nested) {
              writeLines("written by R", "out.txt")
              faasr_put_file(local_file = "out.txt", remote_file = "out.txt", remote_folder = paste0(folder, "//", faasr_invocation_id(), "/"))
              faasr_put_file(local_file = "out.txt", remote_file = "gone.txt", remote_folder = folder)
              faasr_delete_file(remote_file = "gone.txt", remote_folder = folder)
              faasr_get_file(local_file = "in.txt", remote_file = "in.txt", remote_folder = "data")
              faasr_log(paste("read", readLines("in.txt")))
              faasr_log(paste("list", paste(sort(unlist(faasr_get_folder_list(prefix = folder))), collapse = ",")))
              creds <- faasr_get_s3_creds()
              faasr_log(paste("creds", creds$bucket, creds$region, creds$endpoint, creds$anonymous, nzchar(creds$access_key)))
              faasr_log(paste("arguments", class(numbers), sum(numbers), nested$inner))
              faasr_log(paste("rank", paste(names(faasr_rank()), collapse = ",")))
              TRUE
            }
            """);
        harness.AddFile("branches.R", """
            on_true <- function() {
              faasr_log("on_true ran")
              FALSE
            }
            on_false <- function() faasr_log("on_false ran")
            """);
        harness.AddFile("branches.py", """
            def after_false():
                faasr_log("python after R's FALSE")
            """);
        var graph = harness.Workflow("""
            "r-api": { "FaaSServer": "GH", "FunctionName": "r_api", "Type": "R", "Arguments": { "folder": "out", "numbers": [1, 2, 3], "nested": { "inner": "deep" } },
                       "InvokeNext": [{ "True": ["on-true"], "False": ["on-false"] }] },
            "on-true": { "FaaSServer": "GH", "FunctionName": "on_true", "Type": "R", "InvokeNext": [{ "True": ["never"], "False": ["after-false"] }] },
            "on-false": { "FaaSServer": "GH", "FunctionName": "on_false", "Type": "R" },
            "never": { "FaaSServer": "GH", "FunctionName": "on_false", "Type": "R" },
            "after-false": { "FaaSServer": "GH", "FunctionName": "after_false", "Type": "Python" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["r-api"].State, result["r-api"].Reason);
        Assert.AreEqual(InstanceState.Completed, result["on-true"].State, result["on-true"].Reason);
        Assert.AreEqual(InstanceState.Completed, result["after-false"].State, result["after-false"].Reason);
        Assert.AreEqual(InstanceState.NotRun, result["on-false"].State);
        Assert.AreEqual(InstanceState.NotRun, result["never"].State);
        Assert.AreEqual("written by R\n", await harness.TextAsync($"out/{run.InvocationId}/out.txt", Cancellation));
        var keys = await harness.KeysAsync(Cancellation);
        Assert.DoesNotContain("out/gone.txt", keys);
        var log = await harness.LogAsync(run, "r-api", Cancellation);
        StringAssert.Contains(log, "] [INFO] [executor.py] Starting function: r_api (R)\n");
        StringAssert.Contains(log, "\nread from S3\n");
        StringAssert.Contains(log, $"\nlist out/{run.InvocationId}/out.txt\n");
        StringAssert.Contains(log, $"\ncreds {harness.Store.Bucket} us-east-1 {harness.Connection.ServiceUrl} FALSE TRUE\n");
        StringAssert.Contains(log, "\narguments integer 6 deep\n", "Arguments are read as jsonlite reads them: arrays become vectors.");
        StringAssert.Contains(log, "\nrank invocation_id\n", "FaaSr 2.1's R faasr_rank asks for the invocation ID.");
        StringAssert.Contains(log, "] [INFO] [scheduler.py] GitHub Action: Successfully invoked: on-true\n");
        Assert.DoesNotContain("[ERROR]", log);
        StringAssert.Contains(await harness.LogAsync(run, "after-false", Cancellation), "\npython after R's FALSE\n");
    }

    [TestMethod]
    public async Task AnRErrorLogsTheErrorAndTheCallStackWritesDoneAndStopsTheSuccessors()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-error", Cancellation);
        harness.AddFile("fail.R", """
            first <- function() {
              faasr_log("fail_r is about to stop")
              tryCatch(stop("inside_exception"), error = function(e) stop("outside_exception"))
            }
            second <- function() NULL
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(ROnly), Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        Assert.AreEqual("Unkown error while getting user function return", result["first"].Reason);
        Assert.AreEqual(InstanceState.NotRun, result["second"].State);
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first"], ["first"]).ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        var log = await harness.LogAsync(run, "first", Cancellation);
        StringAssert.Contains(log, "\"faasr_user_function\":Errors in the user function - Error in value[[3L]](cond): outside_exception\n");
        StringAssert.Contains(log, "stop(\"inside_exception\")");
        StringAssert.Contains(log, "stop(\"outside_exception\")");
        StringAssert.Contains(log, "] [ERROR] [executor.py] Unkown error while getting user function return\n");
        StringAssert.Contains(log, "] [ERROR] [executor.py] Traceback: [[1]]\n");
        Assert.DoesNotContain("Successfully invoked", log);
    }

    [TestMethod]
    public async Task ADeclaredSecretIsReadAndAMissingOneFailsTheRFunction()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-secret", Cancellation);
        harness.AddFile("secret.R", """
            first <- function(folder) {
              writeLines(faasr_secret("TEST_SECRET"), "secret.txt")
              faasr_put_file(local_file = "secret.txt", remote_file = "secret_r.txt", remote_folder = folder)
            }
            second <- function() faasr_secret("NON_EXISTENT_SECRET")
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "R", "Arguments": { "folder": "out" }, "InvokeNext": ["second"] },
            "second": { "FaaSServer": "GH", "FunctionName": "second", "Type": "R" }
            """, change: w => w["Secrets"] = new JsonArray("TEST_SECRET"));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with
        {
            FunctionEnvironment = new Dictionary<string, string>(o.FunctionEnvironment) { ["TEST_SECRET"] = "TEST_SECRET_VALUE" },
        });

        Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
        Assert.AreEqual("TEST_SECRET_VALUE\n", await harness.TextAsync("out/secret_r.txt", Cancellation));
        Assert.DoesNotContain("TEST_SECRET_VALUE", await harness.LogAsync(run, "first", Cancellation));
        Assert.AreEqual(InstanceState.Failed, result["second"].State);
        var log = await harness.LogAsync(run, "second", Cancellation);
        StringAssert.Contains(log, "] [ERROR] [secret.py] faasr_secret: Secret 'NON_EXISTENT_SECRET' not found in environment variables\n");
        StringAssert.Contains(log, "Errors in the user function - Error in faasr_secret(\"NON_EXISTENT_SECRET\"): faasr_secret: Request to FaaSr RPC failed");
        StringAssert.Contains(log, "] [ERROR] [executor.py] Unkown error while getting user function return\n");
    }

    [TestMethod]
    public async Task AFunctionNoRFileDefinesIsReportedAndTheOtherFilesAreStillSourced()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-missing", Cancellation);
        harness.AddFile("a_broken.R", "stop('broken at source time')\n");
        harness.AddFile("b_fine.R", "second <- function() NULL\n");
        harness.AddFile("c_lowercase.r", "first <- function() NULL\n");

        var (run, result) = await harness.RunAsync(harness.Workflow(ROnly), Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["first"].State, "Only *.R files are sourced, as in FaaSr.");
        Assert.IsTrue(await harness.Store.ExistsAsync(run.Folder.DoneKey(new FunctionInstance("first", null, 1)), Cancellation), "FaaSr's R entry ends through faasr_exit, so .done is written.");
        var log = await harness.LogAsync(run, "first", Cancellation);
        StringAssert.Contains(log, "{\"faasr_user_function\":\"Cannot find function, first, check the name and sources\"}\n");
        StringAssert.Contains(log, "] [ERROR] [executor.py] Unkown error while getting user function return\n");
    }

    [TestMethod]
    public async Task AResultThatIsNotLogicalIsNoResult()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-result", Cancellation);
        harness.AddFile("result.R", """
            text_result <- function() "yes"
            never <- function() NULL
            """);
        var graph = harness.Workflow("""
            "text": { "FaaSServer": "GH", "FunctionName": "text_result", "Type": "R", "InvokeNext": [{ "True": ["never"], "False": ["never-either"] }] },
            "never": { "FaaSServer": "GH", "FunctionName": "never", "Type": "R" },
            "never-either": { "FaaSServer": "GH", "FunctionName": "never", "Type": "R" }
            """);

        var (run, result) = await harness.RunAsync(graph, Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["text"].State);
        StringAssert.Contains(await harness.LogAsync(run, "text", Cancellation), "] [ERROR] [scheduler.py] InvokeNext contains conditionals but function did not return a value\n");
        Assert.AreEqual(InstanceState.NotRun, result["never"].State);
        Assert.AreEqual(InstanceState.NotRun, result["never-either"].State);
    }

    [TestMethod]
    public async Task ALogicalVectorIsRefusedByTheServer()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-vector", Cancellation);
        harness.AddFile("result.R", """
            first <- function() c(TRUE, FALSE)
            second <- function() NULL
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(ROnly.Replace("[\"second\"]", "[{ \"True\": [\"second\"] }]", StringComparison.Ordinal)), Cancellation);

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        Assert.AreEqual(InstanceState.NotRun, result["second"].State);
        StringAssert.Contains(await harness.LogAsync(run, "first", Cancellation), "] [ERROR] [executor.py] HTTP request failed with status code: 422\n");
    }

    [TestMethod]
    public async Task WithoutArrowTheArrowBucketIsAnErrorNamingThePackage()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-arrow", Cancellation);
        harness.AddFile("arrow.R", """
            first <- function() faasr_arrow_s3_bucket()
            second <- function() NULL
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(ROnly), Cancellation);

        var interpreter = await RInterpreter.ResolveAsync(null, Cancellation);
        if (interpreter.HasArrow)
        {
            Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
            return;
        }

        Assert.AreEqual(InstanceState.Failed, result["first"].State);
        StringAssert.Contains(await harness.LogAsync(run, "first", Cancellation), "faasr_arrow_s3_bucket needs the R package 'arrow', which is not installed on this machine");
    }

    [TestMethod]
    public async Task AProcessAnRFunctionLeavesRunningEndsWithItsInstance()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-leftover", Cancellation);
        harness.AddFile("leftover.R", """
            first <- function() {
              system("sleep 120 & echo $! > child.txt")
              faasr_log(paste("child", readLines("child.txt")))
              TRUE
            }
            second <- function() NULL
            """);

        var (run, result) = await harness.RunAsync(harness.Workflow(ROnly), Cancellation);

        Assert.AreEqual(InstanceState.Completed, result["first"].State, result["first"].Reason);
        Assert.AreEqual(InstanceState.Completed, result["second"].State, result["second"].Reason);
        var line = (await harness.LogAsync(run, "first", Cancellation)).Split('\n').Single(l => l.StartsWith("child ", StringComparison.Ordinal));
        var child = int.Parse(line["child ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(
            await Support.ProcessProbe.EventuallyAsync(() => !Support.ProcessProbe.IsAlive(child), TimeSpan.FromSeconds(10), Cancellation),
            $"The 'sleep' {child} that first() left running outlived its instance.");
    }

    [TestMethod]
    public async Task WithoutRscriptRActionsFailWithALineSayingSo()
    {
        await using var harness = await ExecutorHarness.CreateAsync("r-absent", Cancellation);
        harness.AddFile("f.py", """
            def first():
                pass
            """);
        var graph = harness.Workflow("""
            "first": { "FaaSServer": "GH", "FunctionName": "first", "Type": "Python", "InvokeNext": ["other"] },
            "other": { "FaaSServer": "GH", "FunctionName": "other", "Type": "R" }
            """);
        var missing = Path.Combine(harness.Root, "no-such-r", "Rscript");

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with { RscriptCommand = missing });

        Assert.AreEqual(InstanceState.Failed, result["other"].State);
        CollectionAssert.AreEquivalent(ExecutorHarness.ExpectedKeys(run, ["first", "other"], ["first"]).ToList(), (await harness.KeysAsync(Cancellation)).ToList());
        StringAssert.Contains(await harness.LogAsync(run, "other", Cancellation), $"] [ERROR] [executor.py] R runtime for local execution is not available: R is not installed (no Rscript at '{missing}')\n");
    }
}

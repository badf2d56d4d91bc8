using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// Every runtime's client stubs against the loopback RPC of docs/rpc-protocol.md: the same small workflow, written
/// once per language, calls every procedure (put, get, delete, folder list, log, rank, invocation id, secret, S3
/// credentials) from two ranked instances, returns a value that picks a branch (faasr-return) and raises an error
/// (faasr-exit); the results must be the same whatever the language. A new runtime adds one case to
/// <see cref="Runtimes"/>: its language and the five functions in that language. One difference is FaaSr's own: its R
/// client's faasr_rank() asks the server for the invocation ID (docs/r-runtime.md), so an R function reaches the rank
/// procedure through the stubs' request helper, and its "rank_stub" is what faasr_rank() gave.
/// </summary>
[TestClass]
public sealed class RpcConformanceTests(TestContext testContext)
{
    private const string Secret = "conformance-secret-value";

    private CancellationToken Cancellation => testContext.CancellationToken;

    /// <summary>
    /// Language (the actions' Type), file name, source defining start, probe, yes, no and fails, and whether the
    /// language's faasr_rank() answers the invocation ID (FaaSr 2.1's R client) instead of the rank.
    /// </summary>
    public static IEnumerable<object[]> Runtimes =>
    [
        ["Python", "conformance.py", PythonFunctions, false],
        ["R", "conformance.R", RFunctions, true],
    ];

    [TestMethod]
    [DynamicData(nameof(Runtimes))]
    public async Task TheClientStubsOfEveryRuntimeGiveTheSameResultsOnEveryRoute(string language, string fileName, string source, bool rankStubAnswersInvocationId)
    {
        await using var harness = await ExecutorHarness.CreateAsync("rpc-" + language.ToLowerInvariant(), Cancellation);
        harness.AddFile(fileName, source);
        var graph = harness.Workflow($$"""
            "start": { "FaaSServer": "GH", "FunctionName": "start", "Type": "{{language}}", "InvokeNext": ["probe(2)"] },
            "probe": { "FaaSServer": "GH", "FunctionName": "probe", "Type": "{{language}}", "InvokeNext": [{ "True": ["yes"], "False": ["no"] }] },
            "yes": { "FaaSServer": "GH", "FunctionName": "yes", "Type": "{{language}}", "InvokeNext": ["fails"] },
            "no": { "FaaSServer": "GH", "FunctionName": "no", "Type": "{{language}}" },
            "fails": { "FaaSServer": "GH", "FunctionName": "fails", "Type": "{{language}}" }
            """, change: w => w["Secrets"] = new JsonArray("CONFORMANCE_SECRET"));

        var (run, result) = await harness.RunAsync(graph, Cancellation, o => o with
        {
            FunctionEnvironment = new Dictionary<string, string>(o.FunctionEnvironment) { ["CONFORMANCE_SECRET"] = Secret },
        });

        foreach (var instance in new[] { "start", "probe(1)", "probe(2)", "yes" })
        {
            Assert.AreEqual(InstanceState.Completed, result[instance].State, $"{instance}: {result[instance].Reason}");
        }

        foreach (var rank in new[] { 1, 2 })
        {
            var text = await harness.TextAsync($"conformance/results/{rank}.json", Cancellation);
            Assert.IsNotNull(text, $"probe({rank}) put its results.");
            var expected = new JsonObject
            {
                ["invocation_id"] = run.InvocationId,
                ["rank"] = new JsonObject { ["max_rank"] = 2, ["rank"] = rank },
                ["rank_stub"] = rankStubAnswersInvocationId
                    ? new JsonObject { ["invocation_id"] = run.InvocationId }
                    : new JsonObject { ["max_rank"] = 2, ["rank"] = rank },
                ["content"] = "conformance input",
                ["listed"] = new JsonArray($"conformance/inputs/del-{rank}.txt"),
                ["after_delete"] = new JsonArray(),
                ["secret"] = Secret,
                ["bucket"] = harness.Store.Bucket,
            };
            var actual = JsonNode.Parse(text);
            Assert.IsTrue(JsonNode.DeepEquals(expected, actual), $"probe({rank}) in {language}:\nexpected {expected.ToJsonString()}\nfound    {actual?.ToJsonString()}");
            StringAssert.Contains(await harness.LogAsync(run, $"probe({rank})", Cancellation), $"\nconformance log from rank {rank}\n", "faasr_log text is raw.");
        }

        Assert.IsTrue(await harness.Store.ExistsAsync("conformance/inputs/a.txt", Cancellation));
        Assert.IsFalse(result.Instances.Any(i => i.Instance.Name == "no" && i.State == InstanceState.Completed), "The True branch was taken.");
        Assert.AreEqual(InstanceState.Failed, result["fails"].State, "faasr-exit reported the error.");
        StringAssert.Contains(await harness.LogAsync(run, "fails", Cancellation), "conformance failure");
        Assert.DoesNotContain(Secret, await harness.LogAsync(run, "probe(1)", Cancellation), "Secrets stay out of the log.");
    }

    private const string PythonFunctions = """
        import json
        from FaaSr_py.client.py_client_stubs import (
            faasr_delete_file, faasr_get_file, faasr_get_folder_list, faasr_get_s3_creds, faasr_invocation_id, faasr_log,
            faasr_put_file, faasr_rank, faasr_secret)

        def start():
            for name, text in (("a.txt", "conformance input"), ("del-1.txt", "1"), ("del-2.txt", "2")):
                with open(name, "w") as f:
                    f.write(text)
                faasr_put_file(local_file=name, remote_file=name, remote_folder="conformance/inputs")

        def probe():
            rank = faasr_rank()
            r = rank["rank"]
            faasr_get_file(local_file="got.txt", remote_file="a.txt", remote_folder="conformance/inputs")
            with open("got.txt") as f:
                content = f.read()
            prefix = f"conformance/inputs/del-{r}"
            listed = faasr_get_folder_list(prefix=prefix)
            faasr_delete_file(remote_file=f"del-{r}.txt", remote_folder="conformance/inputs")
            after = faasr_get_folder_list(prefix=prefix)
            faasr_log(f"conformance log from rank {r}")
            result = {
                "invocation_id": faasr_invocation_id(), "rank": rank, "rank_stub": faasr_rank(), "content": content, "listed": listed,
                "after_delete": after, "secret": faasr_secret("CONFORMANCE_SECRET"), "bucket": faasr_get_s3_creds()["bucket"],
            }
            with open("result.json", "w") as f:
                json.dump(result, f)
            faasr_put_file(local_file="result.json", remote_file=f"{r}.json", remote_folder="conformance/results")
            return True

        def yes():
            pass

        def no():
            pass

        def fails():
            raise RuntimeError("conformance failure")
        """;

    private const string RFunctions = """
        start <- function() {
          for (pair in list(c("a.txt", "conformance input"), c("del-1.txt", "1"), c("del-2.txt", "2"))) {
            writeLines(pair[2], pair[1], sep = "")
            faasr_put_file(local_file = pair[1], remote_file = pair[1], remote_folder = "conformance/inputs")
          }
        }

        probe <- function() {
          rank <- .faasr_action("faasr_rank", list(), sys.call())$Data
          r <- rank$rank
          faasr_get_file(local_file = "got.txt", remote_file = "a.txt", remote_folder = "conformance/inputs")
          content <- readChar("got.txt", file.info("got.txt")$size, useBytes = TRUE)
          prefix <- paste0("conformance/inputs/del-", r)
          listed <- faasr_get_folder_list(prefix = prefix)
          faasr_delete_file(remote_file = paste0("del-", r, ".txt"), remote_folder = "conformance/inputs")
          after <- faasr_get_folder_list(prefix = prefix)
          faasr_log(paste0("conformance log from rank ", r))
          result <- list(
            invocation_id = faasr_invocation_id(), rank = rank, rank_stub = faasr_rank(), content = content,
            listed = listed, after_delete = after, secret = faasr_secret("CONFORMANCE_SECRET"),
            bucket = faasr_get_s3_creds()$bucket)
          writeLines(as.character(jsonlite::toJSON(result, auto_unbox = TRUE)), "result.json", sep = "")
          faasr_put_file(local_file = "result.json", remote_file = paste0(r, ".json"), remote_folder = "conformance/results")
          TRUE
        }

        yes <- function() {
          invisible(NULL)
        }

        no <- function() {
          invisible(NULL)
        }

        fails <- function() {
          stop("conformance failure")
        }
        """;
}

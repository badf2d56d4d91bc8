using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaaSr.Testing.Local.Execution;

namespace FaaSr.Testing.Tests.Execution;

/// <summary>
/// The R entry and client stubs, run by the real Rscript against the real loopback RPC server, send each route and
/// procedure the requests FaaSr's R client sends (docs/r-runtime.md); a session that records them answers.
/// </summary>
[TestClass]
public sealed class RClientStubsTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task EveryStubSendsFaaSrsRequestAndReadsItsReply()
    {
        var (exit, requests) = await RunAsync("""
            conformance <- function(text) {
              faasr_log(text)
              faasr_put_file("a.txt", "b.txt")
              faasr_get_file(local_file = "a", remote_file = "b", server_name = "S3", local_folder = "lf", remote_folder = "rf")
              faasr_delete_file("b.txt")
              faasr_log(paste("list", paste(unlist(faasr_get_folder_list(prefix = "p")), collapse = ",")))
              faasr_log(paste("id", faasr_invocation_id()))
              faasr_log(paste("rank", names(faasr_rank())))
              faasr_log(paste("creds", faasr_get_s3_creds()$bucket))
              faasr_log(paste("secret", faasr_secret("S")))
              TRUE
            }
            """);

        Assert.AreEqual(0, exit.ExitCode, exit.OutputTail);
        string[] expected =
        [
            """faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"héllo"}}""",
            """faasr-action {"ProcedureID":"faasr_put_file","Arguments":{"local_file":"a.txt","remote_file":"b.txt","server_name":"","local_folder":".","remote_folder":"."}}""",
            """faasr-action {"ProcedureID":"faasr_get_file","Arguments":{"local_file":"a","remote_file":"b","server_name":"S3","local_folder":"lf","remote_folder":"rf"}}""",
            """faasr-action {"ProcedureID":"faasr_delete_file","Arguments":{"remote_file":"b.txt","server_name":"","remote_folder":""}}""",
            """faasr-action {"ProcedureID":"faasr_get_folder_list","Arguments":{"server_name":"","prefix":"p"}}""",
            """faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"list k1,k2"}}""",
            """faasr-action {"ProcedureID":"faasr_invocation_id"}""",
            """faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"id run-1"}}""",
            """faasr-action {"ProcedureID":"faasr_invocation_id"}""",
            """faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"rank invocation_id"}}""",
            """faasr-action {"ProcedureID":"faasr_get_s3_creds","Arguments":{"server_name":""}}""",
            """faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"creds bucket-1"}}""",
            """faasr-action {"ProcedureID":"faasr_secret","Arguments":{"secret_name":"S"}}""",
            """faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"secret value-1"}}""",
            """faasr-return {"FunctionResult":true}""",
        ];
        CollectionAssert.AreEqual(expected, requests.ToArray(), string.Join("\n", requests));
    }

    [TestMethod]
    public async Task AnErrorIsLoggedWithTheCallStackAndReportedWithoutAMessage()
    {
        var (exit, requests) = await RunAsync("""
            conformance <- function(text) stop("broken ", text)
            """);

        Assert.AreEqual(0, exit.ExitCode, "FaaSr's R entry ends through faasr_exit, with status 0.");
        Assert.HasCount(3, requests, string.Join("\n", requests));
        Assert.AreEqual("""faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"\"faasr_user_function\":Errors in the user function - Error in (function (text) : broken héllo\n"}}""", requests[0]);
        StringAssert.StartsWith(requests[1], """faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"[[1]]\n""");
        StringAssert.Contains(requests[1], "stop(\\\"broken \\\", text)");
        StringAssert.StartsWith(requests[2], """faasr-exit {"Error":true,"Traceback":"[[1]]\n""", "No Message: FaaSr's client drops NULL fields.");
    }

    [TestMethod]
    public async Task AFailedCallIsAnRErrorTheFunctionCanCatch()
    {
        var (exit, requests) = await RunAsync("""
            conformance <- function(text) {
              caught <- tryCatch(faasr_secret("MISSING"), error = function(e) conditionMessage(e))
              faasr_log(caught)
              FALSE
            }
            """);

        Assert.AreEqual(0, exit.ExitCode, exit.OutputTail);
        CollectionAssert.AreEqual(
            new[]
            {
                """faasr-action {"ProcedureID":"faasr_secret","Arguments":{"secret_name":"MISSING"}}""",
                """faasr-action {"ProcedureID":"faasr_log","Arguments":{"log_message":"faasr_secret: Request to FaaSr RPC failed -- no secret MISSING"}}""",
                """faasr-return {"FunctionResult":false}""",
            },
            requests.ToArray());
    }

    private async Task<(ProcessExit Exit, IReadOnlyList<string> Requests)> RunAsync(string code)
    {
        var folder = Directory.CreateTempSubdirectory("faasr-it-r-stubs-").FullName;
        try
        {
            var functions = Directory.CreateDirectory(Path.Combine(folder, "functions")).FullName;
            await File.WriteAllTextAsync(Path.Combine(functions, "conformance.R"), code.Replace("\r\n", "\n", StringComparison.Ordinal), Cancellation);
            var work = Directory.CreateDirectory(Path.Combine(folder, "work")).FullName;
            var runtime = await RRuntime.CreateAsync(await RInterpreter.ResolveAsync(null, Cancellation), folder, TimeProvider.System, Cancellation);
            await using var server = FunctionRpcServer.Start();
            var session = new RecordingSession();
            var (token, registration) = server.Register(session);
            using (registration)
            {
                var environment = FunctionEnvironment.Essentials();
                environment["FAASR_LOCAL_RPC_PORT"] = server.Port.ToString(CultureInfo.InvariantCulture);
                environment["FAASR_LOCAL_RPC_TOKEN"] = token;
                var launch = new FunctionLaunch(
                    "conformance", new JsonObject { ["text"] = "héllo" }, new FunctionSource([functions], []), work, environment, TimeSpan.FromSeconds(60));
                var exit = await runtime.RunAsync(launch, Cancellation);
                return (exit, session.Requests);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Records each request as "route body" and answers as FaaSr's server would for these calls.</summary>
    private sealed class RecordingSession : IRpcSession
    {
        private readonly List<string> requests = [];

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (requests)
                {
                    return requests.ToArray();
                }
            }
        }

        public Task<RpcReply> HandleAsync(string route, JsonElement body, CancellationToken cancellationToken)
        {
            lock (requests)
            {
                requests.Add($"{route} {JsonSerializer.Serialize(body, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}");
            }

            var procedure = route == "faasr-action" ? body.GetProperty("ProcedureID").GetString() : null;
            var secret = procedure == "faasr_secret" ? body.GetProperty("Arguments").GetProperty("secret_name").GetString() : null;
            return Task.FromResult(procedure switch
            {
                "faasr_get_folder_list" => RpcReply.Ok(new JsonObject { ["folder_list"] = new JsonArray("k1", "k2") }),
                "faasr_invocation_id" => RpcReply.Ok(new JsonObject { ["invocation_id"] = "run-1" }),
                "faasr_get_s3_creds" => RpcReply.Ok(new JsonObject { ["s3_creds"] = new JsonObject { ["bucket"] = "bucket-1" } }),
                "faasr_secret" when secret == "S" => RpcReply.Ok(new JsonObject { ["secret_value"] = "value-1" }),
                "faasr_secret" => RpcReply.Failed($"no secret {secret}"),
                _ => RpcReply.Ok(),
            });
        }
    }
}

using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// Secret canaries (issue 15 item 8, red-team findings F1 and F8): a function that prints, logs, stores and raises with
/// every secret it can reach (a declared secret from .env, a multi-line one from the environment, GH_PAT), run by the
/// real faasr-it process with a .env that also holds an undeclared token, then reported. No canary, nor any line of
/// the multi-line one, may appear in anything faasr-it wrote: console output, run record, the logs kept beside it,
/// the report's HTML, a TRX, or files left in its temporary folder.
/// </summary>
[TestClass]
public sealed class SecretCanaryTests(TestContext testContext)
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(120);

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task NoCanaryValueAppearsInAnyOutputOfARunAndItsReport()
    {
        var root = Directory.CreateTempSubdirectory("faasr-it-canary-").FullName;
        try
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            var canaries = new Dictionary<string, string>
            {
                ["CANARY_SECRET"] = $"canary-declared-{tag}",
                ["CANARY_MULTILINE"] = $"-----BEGIN canary-{tag}-----\ncanary-line-one-{tag}\ncanary-line-two-{tag}\n-----END canary-{tag}-----",
                ["GH_PAT"] = $"ghp_canarypat{tag}",
                ["UNDECLARED_TOKEN"] = $"canary-undeclared-{tag}",
            };
            var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
            var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
            WriteWorkflow(work);
            await File.WriteAllTextAsync(
                Path.Combine(work, ".env"),
                $"CANARY_SECRET={canaries["CANARY_SECRET"]}\nGH_PAT={canaries["GH_PAT"]}\nUNDECLARED_TOKEN={canaries["UNDECLARED_TOKEN"]}\n",
                Cancellation);
            var runs = Path.Combine(work, "runs");
            var record = Path.Combine(runs, "Leak.json");
            var report = Path.Combine(work, "report", "index.html");
            var results = Directory.CreateDirectory(Path.Combine(work, "test-results")).FullName;

            var run = await FaaSrItProcess.RunAsync(
                work, temporary, new Dictionary<string, string> { ["CANARY_MULTILINE"] = canaries["CANARY_MULTILINE"] }, CommandLimit, Cancellation,
                "run", "workflows/Leak.json", "--local", "--plain", "--record", record, "--timeout", "100");
            var reported = await FaaSrItProcess.RunAsync(
                RepositoryFiles.Root, temporary, new Dictionary<string, string>(), CommandLimit, Cancellation,
                "report", "--runs", runs, "--trx", results, "--out", report, "--all-runs");

            Assert.AreEqual(ExitCodes.WorkflowFailed, run.ExitCode, run.Output + run.Error);
            StringAssert.Contains(run.Error, "RuntimeError: EXC", "The failure and its log tail are reported.");
            StringAssert.Contains(run.Error, "secret=*** multi=***", "The secrets are shown masked where they were.");
            Assert.AreEqual(ExitCodes.Success, reported.ExitCode, reported.Output + reported.Error);
            Assert.IsTrue(File.Exists(report), "The report was written.");

            var outputs = new List<(string Where, string Text)>
            {
                ("run stdout", run.Output), ("run stderr", run.Error), ("report stdout", reported.Output), ("report stderr", reported.Error),
            };
            // Everything under the working folder but the inputs (the record, the runs folder faasr-it keeps by
            // default, the report, any TRX), and anything left in the temporary folder.
            var inputs = new[] { Path.Combine(work, ".env"), Path.Combine(work, "workflows") + "/", Path.Combine(work, "functions") + "/" };
            var files = Directory.EnumerateFiles(work, "*", SearchOption.AllDirectories)
                .Where(f => !inputs.Any(i => f == i || f.StartsWith(i, StringComparison.Ordinal)))
                .Concat(Directory.EnumerateFiles(temporary, "*", SearchOption.AllDirectories))
                .ToList();
            outputs.AddRange(files.Select(file => (file, File.ReadAllText(file))));
            var logsKept = files.Count(f => f.EndsWith(".txt", StringComparison.Ordinal) && f.Contains("/logs/", StringComparison.Ordinal));
            Assert.IsGreaterThan(0, logsKept, "The run's logs are kept beside its record: " + string.Join(", ", files));

            var forms = canaries.Values.SelectMany(v => v.Split('\n').Append(v).Append(v.Replace("\n", "\\n", StringComparison.Ordinal)))
                .Where(v => v.Length >= 12)
                .Distinct()
                .ToList();
            var leaks = outputs.SelectMany(o => forms.Where(f => o.Text.Contains(f, StringComparison.Ordinal)).Select(f => $"{o.Where}: {f}")).ToList();
            testContext.WriteLine($"searched {outputs.Count} outputs ({files.Count} files: {logsKept} logs, record, report; {outputs.Sum(o => o.Text.Length)} characters) for {forms.Count} canary forms: {leaks.Count} found");
            Assert.IsEmpty(leaks, "Canaries in faasr-it's outputs:\n" + string.Join("\n", leaks));
            Assert.IsEmpty(Directory.EnumerateFileSystemEntries(temporary).Where(e => !Path.GetFileName(e).StartsWith("dotnet-", StringComparison.Ordinal) && !Path.GetFileName(e).StartsWith("clr-", StringComparison.Ordinal)), "Nothing is left in the temporary folder.");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void WriteWorkflow(string work)
    {
        var workflow = PythonChainWorkflow.Create("Leak", ["leak"]);
        workflow["Secrets"] = new JsonArray("CANARY_SECRET", "CANARY_MULTILINE");
        Directory.CreateDirectory(Path.Combine(work, "workflows"));
        File.WriteAllText(Path.Combine(work, "workflows", "Leak.json"), workflow.ToJsonString());
        Directory.CreateDirectory(Path.Combine(work, "functions", "Leak"));
        File.WriteAllText(Path.Combine(work, "functions", "Leak", "leak.py"), """
            import os
            import sys

            from FaaSr_py.client.py_client_stubs import faasr_log, faasr_put_file, faasr_secret


            def leak():
                s = faasr_secret("CANARY_SECRET")
                m = faasr_secret("CANARY_MULTILINE")
                pat = os.environ.get("GH_PAT", "")
                print(f"stdout secret={s} multi={m} pat={pat}")
                sys.stderr.write(f"stderr secret={s} multi={m} pat={pat}\n")
                faasr_log(f"log secret={s} multi={m} pat={pat} env={dict(os.environ)}")
                with open("leak.txt", "w") as out:
                    out.write(f"{s}\n{m}\n{pat}\n")
                faasr_put_file(local_file="leak.txt", remote_file="leak.txt", remote_folder="leak")
                raise RuntimeError(f"EXC secret={s} multi={m} pat={pat}")
            """);
    }
}

using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Resilience;

/// <summary>
/// Terminal escape sequences a workflow's function prints or logs (red-team finding F17, for run) are shown escaped in
/// the failure report, so a log cannot clear the screen, set the title or fake a green result.
/// </summary>
[TestClass]
public sealed class RunOutputEscapingTests
{
    [TestMethod]
    public async Task EscapeSequencesFromAFunctionLogAreEscapedInTheFailureReport()
    {
        var root = Directory.CreateTempSubdirectory("faasr-it-escapes-").FullName;
        try
        {
            var workflow = PythonChainWorkflow.Create("Escapes", ["first"]);
            Directory.CreateDirectory(Path.Combine(root, "workflows"));
            Directory.CreateDirectory(Path.Combine(root, "functions", "Escapes"));
            var file = Path.Combine(root, "workflows", "Escapes.json");
            await File.WriteAllTextAsync(file, workflow.ToJsonString());
            await File.WriteAllTextAsync(Path.Combine(root, "functions", "Escapes", "f.py"), """
                from FaaSr_py.client.py_client_stubs import faasr_log


                def first():
                    print("\x1b]0;pwned-title\x07\x1b[2J")
                    faasr_log("\x1b[32mFAKE: all 3 workflows ok\x1b[0m")
                    raise ValueError("boom \x1b[31mred\x1b[0m")
                """);

            var result = await InProcessCli.RunAsync("run", file, "--plain", "--runs", Path.Combine(root, "runs"));

            Assert.AreEqual(ExitCodes.WorkflowFailed, result.ExitCode, result.Output + result.Error);
            StringAssert.Contains(result.Error, "ValueError: boom \\u001b[31mred\\u001b[0m");
            StringAssert.Contains(result.Error, "\\u001b[32mFAKE: all 3 workflows ok");
            Assert.DoesNotContain("\u001b", result.Error, "No raw escape character reaches the terminal.");
            Assert.DoesNotContain("\u0007", result.Error);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

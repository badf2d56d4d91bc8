using System.CommandLine;
using System.Text.Json.Nodes;
using FaaSr.Testing.Cli;
using FaaSr.Testing.Tests.Support;

namespace FaaSr.Testing.Tests.Cli;

[TestClass]
public sealed class ValidateCommandTests
{
    private static readonly string IntegrationWorkflow = RepositoryFiles.Path("workflows", "IntegrationTestWorkflow.json");
    private static readonly string InvalidFolder = Path.Combine(AppContext.BaseDirectory, "Workflows", "Invalid");

    [TestMethod]
    public void AValidFileGivesExitZeroAndAnOkLine()
    {
        var result = Run("validate", IntegrationWorkflow);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Error);
        Assert.AreEqual($"{IntegrationWorkflow}: ok", result.Output.Trim());
        Assert.AreEqual("", result.Error);
    }

    [TestMethod]
    public void InvalidFilesGiveExitTwoAndOneLinePerProblemOnStderr()
    {
        var loop = Path.Combine(InvalidFolder, "graph-loop.json");
        var unknownServer = Path.Combine(InvalidFolder, "server-FaaSServer-unknown.json");

        var result = Run("validate", IntegrationWorkflow, loop, unknownServer);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual($"{IntegrationWorkflow}: ok", result.Output.Trim(), "valid files are still reported ok");
        var lines = Lines(result.Error);
        Assert.HasCount(2, lines, result.Error);
        Assert.AreEqual($"{loop}: $.ActionList.done.InvokeNext[0]: action 'done': loop found from action 'done' to 'work'; a workflow must not cycle", lines[0]);
        Assert.StartsWith($"{unknownServer}: $.ActionList.work.FaaSServer: action 'work': FaaSServer 'AWS'", lines[1]);
    }

    [TestMethod]
    public void JsonPrintsTheProblemsAsAnArray()
    {
        var truncated = Path.Combine(InvalidFolder, "syntax-truncated.json");
        var unknownServer = Path.Combine(InvalidFolder, "server-FaaSServer-unknown.json");

        var result = Run("validate", "--json", truncated, unknownServer);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual("", result.Error);
        var problems = JsonNode.Parse(result.Output)!.AsArray();
        Assert.HasCount(2, problems);
        var malformed = problems[0]!.AsObject();
        CollectionAssert.AreEqual(new[] { "file", "action", "path", "message" }, malformed.Select(p => p.Key).ToArray());
        Assert.AreEqual(truncated, malformed["file"]!.GetValue<string>());
        Assert.IsNull(malformed["action"]);
        Assert.AreEqual("$.ActionList", malformed["path"]!.GetValue<string>());
        Assert.StartsWith("malformed JSON (line 41, position 5): ", malformed["message"]!.GetValue<string>());
        Assert.AreEqual("work", problems[1]!["action"]!.GetValue<string>());
        Assert.AreEqual("$.ActionList.work.FaaSServer", problems[1]!["path"]!.GetValue<string>());
    }

    [TestMethod]
    public void JsonForValidFilesIsAnEmptyArray()
    {
        var result = Run("validate", "--json", IntegrationWorkflow);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode);
        Assert.IsEmpty(JsonNode.Parse(result.Output)!.AsArray());
    }

    [TestMethod]
    public void AMissingFileIsAProblemNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"faasr-it-missing-{Guid.NewGuid():N}.json");

        var result = Run("validate", missing);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"{missing}: $: cannot read the workflow file", result.Error);
        Assert.DoesNotContain("   at ", result.Error, "no stack trace");
    }

    [TestMethod]
    public void ADirectoryIsAProblemNamingIt()
    {
        var result = Run("validate", InvalidFolder);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual($"{InvalidFolder}: $: is a directory, not a workflow file", result.Error.Trim());
    }

    [TestMethod]
    public void NoFileIsBadInput()
    {
        var result = Run("validate");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("name at least one workflow file", result.Error);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in CliCommands.All())
        {
            root.Subcommands.Add(command);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}

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
    public async Task AValidFileGivesExitZeroAndAnOkLine()
    {
        var result = await InProcessCli.RunAsync("validate", IntegrationWorkflow);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Error);
        Assert.AreEqual($"{IntegrationWorkflow}: ok", result.Output.Trim());
        Assert.AreEqual("", result.Error);
    }

    [TestMethod]
    public async Task InvalidFilesGiveExitTwoAndOneLinePerProblemOnStderr()
    {
        var loop = Path.Combine(InvalidFolder, "graph-loop.json");
        var unknownServer = Path.Combine(InvalidFolder, "server-FaaSServer-unknown.json");

        var result = await InProcessCli.RunAsync("validate", IntegrationWorkflow, loop, unknownServer);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual($"{IntegrationWorkflow}: ok", result.Output.Trim(), "valid files are still reported ok");
        var lines = Lines(result.Error);
        Assert.HasCount(2, lines, result.Error);
        Assert.AreEqual($"{loop}: $.ActionList.done.InvokeNext[0]: action 'done': loop found from action 'done' to 'work'; a workflow must not cycle", lines[0]);
        Assert.StartsWith($"{unknownServer}: $.ActionList.work.FaaSServer: action 'work': FaaSServer 'AWS'", lines[1]);
    }

    [TestMethod]
    public async Task JsonPrintsTheProblemsAsAnArray()
    {
        var truncated = Path.Combine(InvalidFolder, "syntax-truncated.json");
        var unknownServer = Path.Combine(InvalidFolder, "server-FaaSServer-unknown.json");

        var result = await InProcessCli.RunAsync("validate", "--json", truncated, unknownServer);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual("", result.Error);
        var problems = JsonNode.Parse(result.Output)!.AsArray();
        Assert.HasCount(2, problems);
        var malformed = problems[0]!.AsObject();
        CollectionAssert.AreEqual(new[] { "file", "action", "path", "message", "severity" }, malformed.Select(p => p.Key).ToArray());
        Assert.AreEqual("error", malformed["severity"]!.GetValue<string>());
        Assert.AreEqual(truncated, malformed["file"]!.GetValue<string>());
        Assert.IsNull(malformed["action"]);
        Assert.AreEqual("$.ActionList", malformed["path"]!.GetValue<string>());
        Assert.StartsWith("malformed JSON (line 41, position 5): ", malformed["message"]!.GetValue<string>());
        Assert.AreEqual("work", problems[1]!["action"]!.GetValue<string>());
        Assert.AreEqual("$.ActionList.work.FaaSServer", problems[1]!["path"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task JsonForValidFilesIsAnEmptyArray()
    {
        var result = await InProcessCli.RunAsync("validate", "--json", IntegrationWorkflow);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode);
        Assert.IsEmpty(JsonNode.Parse(result.Output)!.AsArray());
    }

    [TestMethod]
    public async Task AMissingFileIsAProblemNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"faasr-it-missing-{Guid.NewGuid():N}.json");

        var result = await InProcessCli.RunAsync("validate", missing);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith($"{missing}: $: cannot read the workflow file", result.Error);
        Assert.DoesNotContain("   at ", result.Error, "no stack trace");
    }

    [TestMethod]
    public async Task ADirectoryIsAProblemNamingIt()
    {
        var result = await InProcessCli.RunAsync("validate", InvalidFolder);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.AreEqual($"{InvalidFolder}: $: is a directory, not a workflow file", result.Error.Trim());
    }

    [TestMethod]
    public async Task NoFileIsBadInput()
    {
        var result = await InProcessCli.RunAsync("validate");

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("name at least one workflow file", result.Error);
    }

    [TestMethod]
    public async Task AnUnknownOptionIsBadInputWithTheParsersMessage()
    {
        var result = await InProcessCli.RunAsync("validate", "--no-such-option", IntegrationWorkflow);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error);
    }

    [TestMethod]
    public async Task AKeyFieldThatLeavesItsFolderIsExitTwoNamingTheKey()
    {
        var workflow = JsonNode.Parse(File.ReadAllText(IntegrationWorkflow))!.AsObject();
        workflow["FaaSrLog"] = "../../../../tmp/outside";
        workflow["InvocationID"] = "/absolute";
        var file = Path.Combine(Path.GetTempPath(), $"faasr-it-traversal-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, workflow.ToJsonString());
        try
        {
            var result = await InProcessCli.RunAsync("validate", file);

            Assert.AreEqual(ExitCodes.BadInput, result.ExitCode);
            StringAssert.Contains(result.Error, $"{file}: $.FaaSrLog: FaaSrLog '../../../../tmp/outside' cannot be part of an object key: it has a '..' segment");
            StringAssert.Contains(result.Error, $"{file}: $.InvocationID: InvocationID '/absolute' cannot be part of an object key: it starts with '/'");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task LocalWarnsAboutALanguageThisMachineCannotRunAndKeepsTheExitCode()
    {
        var workflow = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("workflows", "RFailingWorkflow.json")))!.AsObject();
        workflow["ActionList"]!["after-r-failure"]!["Type"] = "Julia";
        var file = Path.Combine(Path.GetTempPath(), $"faasr-it-julia-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, workflow.ToJsonString());
        try
        {
            var result = await InProcessCli.RunAsync("validate", "--local", file);

            Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Error);
            Assert.AreEqual($"{file}: ok", result.Output.Trim());
            Assert.AreEqual(
                $"warning: {file}: Julia actions (after-r-failure) cannot run on this machine: Julia runtime for local execution is not available: the local executor runs Python and R functions.",
                result.Error.Trim(),
                "R and Python run here (CI installs both), so only Julia is warned about.");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task WithoutLocalNoLanguageIsChecked()
    {
        var result = await InProcessCli.RunAsync("validate", RepositoryFiles.Path("workflows", "RIntegrationTestWorkflow.json"));

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Error);
        Assert.AreEqual("", result.Error);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [TestMethod]
    public async Task WhatValidatesButCrashesACloudActionIsAWarningPerKeyAndExitZero()
    {
        var workflow = JsonNode.Parse(File.ReadAllText(IntegrationWorkflow))!.AsObject();
        workflow.Remove("LoggingDataStore");
        workflow["DataStores"]!["S3"]!.AsObject().Remove("Region");
        workflow["DataStores"]!["S3"]!["Anonymous"] = "false";
        workflow["ActionList"]!["create-input"]!.AsObject().Remove("Type");
        var file = Path.Combine(Path.GetTempPath(), $"faasr-it-warnings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, workflow.ToJsonString());
        try
        {
            var plain = await InProcessCli.RunAsync("validate", file);
            var json = await InProcessCli.RunAsync("validate", "--json", file);

            Assert.AreEqual(ExitCodes.Success, plain.ExitCode, plain.Error);
            Assert.AreEqual($"{file}: ok", plain.Output.Trim());
            var lines = Lines(plain.Error);
            Assert.HasCount(4, lines, plain.Error);
            CollectionAssert.AreEquivalent(
                new[] { "$.LoggingDataStore", "$.DataStores.S3.Region", "$.DataStores.S3.Anonymous", "$.ActionList.create-input.Type" },
                lines.Select(l => l[(file.Length + 2)..l.IndexOf(": warning: ", StringComparison.Ordinal)]).ToArray());
            Assert.IsTrue(lines.All(l => l.Contains(": warning: ", StringComparison.Ordinal) && l.Contains("in FaaSr 2.1 ", StringComparison.Ordinal)), plain.Error);

            Assert.AreEqual(ExitCodes.Success, json.ExitCode);
            var entries = JsonNode.Parse(json.Output)!.AsArray();
            Assert.HasCount(4, entries);
            Assert.IsTrue(entries.All(e => e!["severity"]!.GetValue<string>() == "warning" && e["file"]!.GetValue<string>() == file));
            Assert.AreEqual("create-input", entries.Single(e => e!["path"]!.GetValue<string>() == "$.ActionList.create-input.Type")!["action"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }
}

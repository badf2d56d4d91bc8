using System.Text.Json.Nodes;

namespace FaaSr.Testing.Workflows;

/// <summary>
/// Reads FaaSr 2.0 workflow files. <see cref="Check"/> never throws: malformed JSON, wrong types and rule violations
/// all come back as <see cref="ValidationProblem"/>s. <see cref="Load"/> and <see cref="Parse"/> throw
/// <see cref="InvalidWorkflowException"/> listing every problem, or return the graph of a valid file.
/// </summary>
public static class WorkflowLoader
{
    public static WorkflowGraph Load(string path) => GraphOf(CheckFile(path));

    public static WorkflowGraph Parse(string json, string sourceName) => GraphOf(Check(json, sourceName));

    public static WorkflowCheck CheckFile(string path)
    {
        if (Directory.Exists(path))
        {
            return new WorkflowCheck(null, [new ValidationProblem(path, null, JsonPathText.Root, "is a directory, not a workflow file")]);
        }

        string json;
        try
        {
            if (ReadBounded(path) is not { } text)
            {
                return new WorkflowCheck(null, [new ValidationProblem(path, null, JsonPathText.Root,
                    $"the workflow file is larger than {MaxFileBytes / (1024 * 1024)} MiB; a workflow is a small JSON file")]);
            }

            json = text;
        }
        catch (Exception exception)
            when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new WorkflowCheck(null, [new ValidationProblem(path, null, JsonPathText.Root,
                $"cannot read the workflow file: {exception.Message}")]);
        }

        return Check(json, path);
    }

    /// <summary>The largest workflow file read; a larger one (or an endless one such as /dev/zero) is a problem.</summary>
    public const int MaxFileBytes = 32 * 1024 * 1024;

    public static WorkflowCheck Check(string json, string sourceName)
    {
        var problems = new ProblemList(sourceName);
        var text = json.TrimStart('\uFEFF');
        JsonSyntaxCheck.Run(text, problems);
        if (problems.Items.Count > 0)
        {
            return new WorkflowCheck(null, problems.Items);
        }

        var root = JsonNode.Parse(text);
        if (root is not JsonObject workflow)
        {
            problems.Add(null, JsonPathText.Root, $"a workflow file must hold a JSON object, not {JsonFieldReader.Describe(root)}");
            return new WorkflowCheck(null, problems.Items);
        }

        var document = WorkflowReader.Read(workflow, problems);
        WorkflowValidator.Validate(document, problems);
        return new WorkflowCheck(document, problems.Items)
        {
            Warnings = problems.Items.Count == 0 ? CloudCrashRules.Find(document, sourceName) : [],
        };
    }

    /// <summary>The file's text, or null when it holds more than <see cref="MaxFileBytes"/> bytes.</summary>
    private static string? ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static WorkflowGraph GraphOf(WorkflowCheck check) =>
        check is { Document: { } document, Problems.Count: 0 }
            ? WorkflowGraph.Build(document)
            : throw new InvalidWorkflowException(check.Problems);
}

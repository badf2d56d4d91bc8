using System.Text.RegularExpressions;

namespace FaaSr.Testing.Faasr.Registration;

/// <summary>
/// What the GitHub Actions workflow file register_workflow.py wrote for one action says its job gets: the container
/// image, the variables of <c>env:</c>, and the step's commands (<c>cd /action</c>, <c>python3 faasr_entry.py</c>). The
/// faasr compute gives each action exactly this environment, read from the file, so FaaSr-workflow's naming of
/// secrets is exercised instead of repeated. Only the shapes register_workflow.py writes are read: a job with
/// <c>container:</c>, <c>env:</c> and one <c>run: |</c> block.
/// </summary>
public sealed partial record RegisteredJob(string WorkflowFile, string? Container, IReadOnlyList<JobVariable> Environment,
    IReadOnlyList<string> Commands)
{
    /// <summary>The script the step runs with Python (<c>faasr_entry.py</c>), or null when no command runs one.</summary>
    public string? EntryScript => Commands.Select(c => PythonCommand().Match(c)).FirstOrDefault(m => m.Success)?.Groups["script"].Value;

    /// <summary>The folder the step changes to before it runs the entry (<c>/action</c>), or null.</summary>
    public string? WorkingFolder => Commands.Select(c => ChangeFolder().Match(c)).LastOrDefault(m => m.Success)?.Groups["folder"].Value;

    /// <exception cref="FormatException">The file has no job with an <c>env:</c> block (the message names the file).</exception>
    public static RegisteredJob Parse(string workflowFile, string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var lines = yaml.ReplaceLineEndings("\n").Split('\n');
        string? container = null;
        var environment = new List<JobVariable>();
        var commands = new List<string>();
        var sawEnvironment = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var trimmed = line.Trim();
            var indent = line.Length - line.TrimStart().Length;
            if (trimmed.StartsWith("container:", StringComparison.Ordinal))
            {
                container = Unquote(trimmed["container:".Length..].Trim());
            }
            else if (trimmed == "env:")
            {
                sawEnvironment = true;
                foreach (var entry in Block(lines, ref index, indent))
                {
                    var colon = entry.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        environment.Add(Variable(entry[..colon].Trim(), entry[(colon + 1)..].Trim()));
                    }
                }
            }
            else if (RunBlock().IsMatch(trimmed))
            {
                commands.AddRange(Block(lines, ref index, indent).Select(c => c.Trim()).Where(c => c.Length > 0));
            }
        }

        return sawEnvironment
            ? new RegisteredJob(workflowFile, container, environment, commands)
            : throw new FormatException($"{workflowFile}: no job 'env:' block, which register_workflow.py writes for every action.");
    }

    /// <summary>The lines indented deeper than <paramref name="indent"/> after <paramref name="index"/>; moves past them.</summary>
    private static List<string> Block(string[] lines, ref int index, int indent)
    {
        var block = new List<string>();
        while (index + 1 < lines.Length)
        {
            var next = lines[index + 1];
            if (next.Trim().Length > 0 && next.Length - next.TrimStart().Length <= indent)
            {
                break;
            }

            index++;
            if (next.Trim().Length > 0)
            {
                block.Add(next.Trim());
            }
        }

        return block;
    }

    private static JobVariable Variable(string name, string value)
    {
        var expression = Expression().Match(value);
        if (!expression.Success)
        {
            return new JobVariable(name, JobVariableSource.Literal, Unquote(value));
        }

        var inner = expression.Groups["inner"].Value.Trim();
        return inner.StartsWith("secrets.", StringComparison.Ordinal)
                ? new JobVariable(name, JobVariableSource.Secret, inner["secrets.".Length..].Trim())
            : inner.StartsWith("github.event.inputs.", StringComparison.Ordinal)
                ? new JobVariable(name, JobVariableSource.DispatchInput, inner["github.event.inputs.".Length..].Trim())
            : inner.StartsWith("inputs.", StringComparison.Ordinal)
                ? new JobVariable(name, JobVariableSource.DispatchInput, inner["inputs.".Length..].Trim())
            : new JobVariable(name, JobVariableSource.Literal, value);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'') ? value[1..^1] : value;

    [GeneratedRegex(@"^\$\{\{(?<inner>.*)\}\}$")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^(-\s+)?run:\s*[|>]-?\s*$")]
    private static partial Regex RunBlock();

    [GeneratedRegex(@"^python3?\s+(?<script>[^\s;&|]+\.py)\b")]
    private static partial Regex PythonCommand();

    [GeneratedRegex(@"^cd\s+(?<folder>\S+)")]
    private static partial Regex ChangeFolder();
}

using FaaSr.Testing.Errors;

namespace FaaSr.Testing.GitHub.Registration;

/// <summary>
/// A folder with FaaSr-workflow's scripts (a clone of FaaSr/FaaSr-workflow, or this repository's faasr_workflow/
/// subtree once filled): <c>scripts/register_workflow.py</c> and the <c>scripts/native_containers.txt</c> it reads
/// relative to its working folder.
/// </summary>
public sealed record WorkflowTools(string Folder)
{
    public const string Variable = "FAASR_IT_WORKFLOW_TOOLS";
    public const string RegisterScript = "scripts/register_workflow.py";
    public const string SubtreeFolder = "faasr_workflow";

    public string RegisterScriptPath => Path.Combine(Folder, RegisterScript);

    /// <summary>
    /// <paramref name="given"/> (--workflow-tools), else <paramref name="fromSettings"/> (FAASR_IT_WORKFLOW_TOOLS),
    /// else <paramref name="repositoryRoot"/>/faasr_workflow when it holds the script.
    /// </summary>
    /// <exception cref="BadInputException">The folder named has no register script, or none is there at all.</exception>
    public static WorkflowTools Locate(string? given, string? fromSettings, string repositoryRoot)
    {
        var (folder, source) = !string.IsNullOrWhiteSpace(given) ? (given, "--workflow-tools")
            : !string.IsNullOrWhiteSpace(fromSettings) ? (fromSettings, Variable)
            : (Path.Combine(repositoryRoot, SubtreeFolder), null);
        var tools = new WorkflowTools(Path.GetFullPath(folder));
        if (File.Exists(tools.RegisterScriptPath))
        {
            return tools;
        }

        throw new BadInputException(source is null
            ? $"FaaSr-workflow's scripts are not in {tools.Folder} yet (no {RegisterScript}): fill it with 'faasr-it subtree pull' (Cake UpdateSubtree), or name a clone with --workflow-tools DIR or {Variable}."
            : $"{source} {folder}: no {RegisterScript} there; name a clone of FaaSr-workflow.");
    }
}

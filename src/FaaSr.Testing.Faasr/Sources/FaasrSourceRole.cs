namespace FaaSr.Testing.Faasr.Sources;

/// <summary>
/// One of the three FaaSr code bases the faasr compute runs, with the option that names it and the files that show a
/// folder holds it (checked before anything runs, so a wrong folder is named at once).
/// </summary>
public sealed record FaasrSourceRole(string Name, string Option, string Variable, string Project, IReadOnlyList<string> RequiredFiles)
{
    /// <summary>FaaSr-Backend: the FaaSr_py package, put on the action's PYTHONPATH.</summary>
    public static FaasrSourceRole Backend { get; } = new("backend", "--backend", "FAASR_IT_BACKEND", "FaaSr-Backend",
        ["FaaSr_py/__init__.py"]);

    /// <summary>FaaSr-Docker: the entry script and the GitHub Actions image's Dockerfile (its ENV lines).</summary>
    public static FaasrSourceRole Entry { get; } = new(
        "entry", "--entry", "FAASR_IT_ENTRY", "FaaSr-Docker", ["faas_specific/faasr_entry.py", "faas_specific/github-actions.Dockerfile"]);

    /// <summary>FaaSr-workflow: register_workflow.py writes each action's job, invoke_workflow.py triggers the entry action.</summary>
    public static FaasrSourceRole WorkflowTools { get; } = new(
        "workflow-tools", "--workflow-tools", "FAASR_IT_WORKFLOW_TOOLS", "FaaSr-workflow",
        ["scripts/invoke_workflow.py", "scripts/register_workflow.py"]);

    public override string ToString() => $"{Project} ({Option})";
}

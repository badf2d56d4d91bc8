namespace FaaSr.Testing.Workflows;

/// <summary>
/// Checks a workflow document against the rules of docs/faasr-semantics.md, "Workflow file" and "Graph rules" and
/// reports every violation, each naming the file, the action (when there is one) and the JSON path of the offending
/// key. JSON shape, missing required keys and wrong types are reported while reading;
/// <see cref="WorkflowLoader.Check"/> runs both.
/// </summary>
public static class WorkflowValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(WorkflowDocument document, string file)
    {
        var problems = new ProblemList(file);
        Validate(document, problems);
        return problems.Items;
    }

    internal static void Validate(WorkflowDocument document, ProblemList problems)
    {
        SchemaRules.Check(document, problems);
        NamingRules.Check(document, problems);
        ServerRules.Check(document, problems);
        DataStoreRules.Check(document, problems);
        StorageKeyRules.Check(document, problems);
        LimitRules.Check(document, problems);
        FunctionSourceRules.Check(document, problems);
        InvokeNextRules.Check(document, problems);
        GraphRules.Check(document, problems);
    }
}
